"""The network map's services: the graph, layouts, saved positions, search and the path finder."""
