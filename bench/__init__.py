"""Benchmarks of the dashboard against a bare Streamlit page (`make bench`)."""
