from django.apps import AppConfig


class Dsi4euConfig(AppConfig):
    name = "dsi4eu"
    verbose_name = "DSI4EU (digitalsocial.eu, 2016–2019)"
