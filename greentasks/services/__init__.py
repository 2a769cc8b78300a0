"""Use cases. Each public function owns its transaction (or takes a Session it is given) and
returns plain results; the GUI and the CLI call the same functions."""
