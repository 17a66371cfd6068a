# The fixed vocabularies in the five other languages, written for this community's words
# ("innovation sociale numérique", "Social-Innovation"…). Staff edit them in the admin from here
# on; the values are copied into this migration so that it stays as it was when it first ran.
from django.db import migrations

LANGUAGES = ("de", "fr", "it", "es", "ca")

NAMES = {
    "dsifocus": {
        "open-hardware": ("Offene Hardware", "Matériel libre", "Hardware aperto", "Hardware abierto", "Maquinari obert"),
        "open-networks": ("Offene Netzwerke", "Réseaux ouverts", "Reti aperte", "Redes abiertas", "Xarxes obertes"),
        "open-data": ("Offene Daten", "Données ouvertes", "Dati aperti", "Datos abiertos", "Dades obertes"),
        "open-knowledge": ("Offenes Wissen", "Savoirs ouverts", "Conoscenza aperta", "Conocimiento abierto", "Coneixement obert"),
    },
    "areaofimpact": {
        "health-and-care": ("Gesundheit und Pflege", "Santé et soins", "Salute e cura", "Salud y cuidados", "Salut i cures"),
        "skills-and-learning": ("Kompetenzen und Lernen", "Compétences et apprentissage", "Competenze e apprendimento", "Competencias y aprendizaje", "Competències i aprenentatge"),
        "food-environment-and-climate-change": ("Ernährung, Umwelt und Klimawandel", "Alimentation, environnement et changement climatique", "Cibo, ambiente e cambiamento climatico", "Alimentación, medio ambiente y cambio climático", "Alimentació, medi ambient i canvi climàtic"),
        "migration-and-integration": ("Migration und Integration", "Migration et intégration", "Migrazione e integrazione", "Migración e integración", "Migració i integració"),
        "digital-democracy": ("Digitale Demokratie", "Démocratie numérique", "Democrazia digitale", "Democracia digital", "Democràcia digital"),
        "cities-and-urban-development": ("Städte und Stadtentwicklung", "Villes et développement urbain", "Città e sviluppo urbano", "Ciudades y desarrollo urbano", "Ciutats i desenvolupament urbà"),
        "work-and-employment": ("Arbeit und Beschäftigung", "Travail et emploi", "Lavoro e occupazione", "Trabajo y empleo", "Treball i ocupació"),
        "culture-and-arts": ("Kultur und Kunst", "Culture et arts", "Cultura e arti", "Cultura y artes", "Cultura i arts"),
        "science": ("Wissenschaft", "Science", "Scienza", "Ciencia", "Ciència"),
        "finance-and-economy": ("Finanzen und Wirtschaft", "Finance et économie", "Finanza ed economia", "Finanzas y economía", "Finances i economia"),
    },
    "technology": {
        "social-networks-and-social-media": ("Soziale Netzwerke und soziale Medien", "Réseaux et médias sociaux", "Social network e social media", "Redes y medios sociales", "Xarxes i mitjans socials"),
        "crowdsourcing-crowdmapping-and-crowdfunding": ("Crowdsourcing, Crowdmapping und Crowdfunding", "Crowdsourcing, cartographie participative et financement participatif", "Crowdsourcing, crowdmapping e crowdfunding", "Crowdsourcing, mapeo colaborativo y micromecenazgo", "Crowdsourcing, mapatge col·laboratiu i micromecenatge"),
        "open-data": ("Offene Daten", "Données ouvertes", "Dati aperti", "Datos abiertos", "Dades obertes"),
        "mobile-and-web-apps": ("Mobile Apps und Web-Apps", "Applications mobiles et web", "App mobili e web", "Aplicaciones móviles y web", "Aplicacions mòbils i web"),
        "open-source-technologies": ("Open-Source-Technologien", "Technologies open source", "Tecnologie open source", "Tecnologías de código abierto", "Tecnologies de codi obert"),
        "peer-to-peer-networks": ("Peer-to-Peer-Netzwerke", "Réseaux pair-à-pair", "Reti peer-to-peer", "Redes entre pares (P2P)", "Xarxes entre iguals (P2P)"),
        "online-learning-and-moocs": ("Online-Lernen und MOOCs", "Apprentissage en ligne et MOOC", "Apprendimento online e MOOC", "Aprendizaje en línea y MOOC", "Aprenentatge en línia i MOOC"),
        "online-marketplaces-and-noticeboards": ("Online-Marktplätze und Schwarze Bretter", "Places de marché et tableaux d’annonces en ligne", "Mercati e bacheche online", "Mercados y tablones de anuncios en línea", "Mercats i taulers d’anuncis en línia"),
        "big-data": ("Big Data", "Mégadonnées", "Big data", "Macrodatos", "Macrodades"),
        "sensors-and-internet-of-things": ("Sensoren und Internet der Dinge", "Capteurs et internet des objets", "Sensori e Internet delle cose", "Sensores e internet de las cosas", "Sensors i internet de les coses"),
        "geotagging-gps-and-gis": ("Geotagging, GPS und GIS", "Géolocalisation, GPS et SIG", "Geotagging, GPS e GIS", "Geoetiquetado, GPS y SIG", "Geoetiquetatge, GPS i SIG"),
        "digital-fabrication-and-3d-printing": ("Digitale Fertigung und 3D-Druck", "Fabrication numérique et impression 3D", "Fabbricazione digitale e stampa 3D", "Fabricación digital e impresión 3D", "Fabricació digital i impressió 3D"),
        "wearables-and-personal-monitoring": ("Wearables und persönliches Monitoring", "Objets portables et suivi personnel", "Dispositivi indossabili e monitoraggio personale", "Dispositivos ponibles y monitorización personal", "Dispositius portables i monitoratge personal"),
        "ai-and-machine-learning": ("KI und maschinelles Lernen", "IA et apprentissage automatique", "IA e apprendimento automatico", "IA y aprendizaje automático", "IA i aprenentatge automàtic"),
        "digital-democracy-tools": ("Werkzeuge für digitale Demokratie", "Outils de démocratie numérique", "Strumenti di democrazia digitale", "Herramientas de democracia digital", "Eines de democràcia digital"),
        "blockchain-and-distributed-networks": ("Blockchain und verteilte Netzwerke", "Blockchain et réseaux distribués", "Blockchain e reti distribuite", "Blockchain y redes distribuidas", "Blockchain i xarxes distribuïdes"),
        "robotics": ("Robotik", "Robotique", "Robotica", "Robótica", "Robòtica"),
        "vr-and-ar": ("VR und AR", "Réalité virtuelle et augmentée", "Realtà virtuale e aumentata", "Realidad virtual y aumentada", "Realitat virtual i augmentada"),
    },
}

DESCRIPTIONS = {
    "open-hardware": (
        "Offene Hardware entwerfen, bauen und teilen – von Sensoren bis zu 3D-Druckern –, um gesellschaftliche Herausforderungen anzugehen",
        "Concevoir, fabriquer et partager du matériel libre, des capteurs aux imprimantes 3D, pour relever des défis sociaux",
        "Progettare, costruire e condividere hardware aperto, dai sensori alle stampanti 3D, per affrontare le sfide sociali",
        "Diseñar, fabricar y compartir hardware abierto, desde sensores hasta impresoras 3D, para afrontar retos sociales",
        "Dissenyar, fabricar i compartir maquinari obert, des de sensors fins a impressores 3D, per afrontar reptes socials",
    ),
    "open-networks": (
        "Offene, verteilte Netzwerke und Infrastrukturen aufbauen und nutzen, die Menschen gemeinsam besitzen und betreiben, um gesellschaftliche Herausforderungen anzugehen",
        "Construire et utiliser des réseaux et des infrastructures ouverts et distribués, que les gens possèdent et gèrent ensemble, pour relever des défis sociaux",
        "Costruire e usare reti e infrastrutture aperte e distribuite, che le persone possiedono e gestiscono insieme, per affrontare le sfide sociali",
        "Construir y usar redes e infraestructuras abiertas y distribuidas, que las personas poseen y gestionan en común, para afrontar retos sociales",
        "Construir i fer servir xarxes i infraestructures obertes i distribuïdes, que les persones posseeixen i gestionen en comú, per afrontar reptes socials",
    ),
    "open-data": (
        "Offene Daten erheben, teilen, auswerten und nutzen, um gesellschaftliche Herausforderungen anzugehen",
        "Collecter, partager, analyser et utiliser des données ouvertes pour relever des défis sociaux",
        "Raccogliere, condividere, analizzare e usare dati aperti per affrontare le sfide sociali",
        "Recoger, compartir, analizar y usar datos abiertos para afrontar retos sociales",
        "Recollir, compartir, analitzar i fer servir dades obertes per afrontar reptes socials",
    ),
    "open-knowledge": (
        "Offenes Wissen und kollektive Intelligenz schaffen, teilen und nutzen, um gesellschaftliche Herausforderungen anzugehen",
        "Créer, partager et utiliser des savoirs ouverts et l’intelligence collective pour relever des défis sociaux",
        "Creare, condividere e usare conoscenza aperta e intelligenza collettiva per affrontare le sfide sociali",
        "Crear, compartir y usar conocimiento abierto e inteligencia colectiva para afrontar retos sociales",
        "Crear, compartir i fer servir coneixement obert i intel·ligència col·lectiva per afrontar reptes socials",
    ),
}


def translate(apps, schema_editor):
    for model_name, names in NAMES.items():
        model = apps.get_model("projects", model_name)
        for row in model.objects.filter(slug__in=names):
            i18n = dict(row.i18n or {})
            for language, name in zip(LANGUAGES, names[row.slug], strict=True):
                i18n.setdefault(f"name_{language}", name)
            if model_name == "dsifocus" and row.slug in DESCRIPTIONS:
                for language, text in zip(LANGUAGES, DESCRIPTIONS[row.slug], strict=True):
                    i18n.setdefault(f"description_{language}", text)
            row.i18n = i18n
            row.save(update_fields=["i18n"])


class Migration(migrations.Migration):
    dependencies = [("projects", "0012_translations")]

    operations = [migrations.RunPython(translate, migrations.RunPython.noop)]
