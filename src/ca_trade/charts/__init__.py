"""Pure chart functions: frames and options in, `plotly.graph_objects.Figure` out."""
