"""Running the dashboard as several processes behind nginx, here and in containers."""
