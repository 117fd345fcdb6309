"""Load generator: simulated people speak Streamlit's websocket protocol to a running app."""
