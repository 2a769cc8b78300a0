"""The desktop app: a thin Qt layer over the services of the ``greentasks`` core."""
