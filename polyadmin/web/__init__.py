def init_web(app):
    pass
