def leaflet_html() -> str:
    return ""
