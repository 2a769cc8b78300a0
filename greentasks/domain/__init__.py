"""Pure domain rules: statuses, deadlines, periods, warning lights, unit names."""
