def init_api(app):
    return []
