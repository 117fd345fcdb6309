"""Page scripts, one per page; run by st.navigation from app.py."""
