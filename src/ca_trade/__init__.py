"""Central Asia Trade Target: intraregional trade of the five Central Asian countries."""
