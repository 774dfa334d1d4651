"""Small embedded reference tables the generator draws from (no network, no large data set).

- COMMUNES: real communes with one of their real postcodes (La Poste), covering every département
  of metropolitan France, Corsica (2A, 2B) and the five DROM, so that a generated address always has
  a postcode and a city that belong together. `hazard` is a pedagogical natural-hazard flag for the
  dwellings drawn there (communes known for river floods, clay shrinkage, coastal or seismic risk),
  not an official PPRN reading. Weights favour large cities (population, roughly).
- VEHICLE_MODELS: common models sold in France with a plausible SRA group (20–50), new price and
  energies. Figures are a training approximation, not SRA's database.
- ACTIVITIES: the PRO product's activities with real NAF rév. 2 codes (INSEE) and plausible sizes.
- BANKS: real French bank codes (code banque) and BICs, for IBANs that pass every check; the account
  numbers are drawn, so an IBAN designates no real account except by chance.
- INSURERS, ENERGY_SUPPLIERS: fictitious names (no real company is said to have issued a document).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Commune:
    postcode: str
    city: str
    weight: int = 1
    hazard: str = "aucune"


def _c(postcode: str, city: str, weight: int = 1, hazard: str = "aucune") -> Commune:
    return Commune(postcode, city, weight, hazard)


COMMUNES: tuple[Commune, ...] = (
    # Île-de-France
    _c("75001", "Paris", 6), _c("75011", "Paris", 10), _c("75013", "Paris", 9), _c("75015", "Paris", 12),
    _c("75017", "Paris", 9), _c("75018", "Paris", 10), _c("75020", "Paris", 10, "inondation"),
    _c("77000", "Melun", 3, "inondation"), _c("77100", "Meaux", 3), _c("77300", "Fontainebleau", 2),
    _c("78000", "Versailles", 4), _c("78100", "Saint-Germain-en-Laye", 3), _c("78120", "Rambouillet", 2),
    _c("91000", "Évry-Courcouronnes", 3), _c("91300", "Massy", 3), _c("91100", "Corbeil-Essonnes", 3),
    _c("92000", "Nanterre", 4), _c("92100", "Boulogne-Billancourt", 5), _c("92700", "Colombes", 4),
    _c("93100", "Montreuil", 5), _c("93200", "Saint-Denis", 5), _c("93000", "Bobigny", 3),
    _c("94000", "Créteil", 4), _c("94400", "Vitry-sur-Seine", 4, "inondation"), _c("94200", "Ivry-sur-Seine", 3),
    _c("95000", "Cergy", 4), _c("95100", "Argenteuil", 4), _c("95300", "Pontoise", 2),
    # Hauts-de-France
    _c("59000", "Lille", 8), _c("59100", "Roubaix", 4), _c("59200", "Tourcoing", 4),
    _c("59140", "Dunkerque", 3, "littoral"),
    _c("59300", "Valenciennes", 3), _c("62000", "Arras", 2), _c("62100", "Calais", 3, "littoral"),
    _c("62200", "Boulogne-sur-Mer", 2, "littoral"), _c("62300", "Lens", 2, "argiles"), _c("60000", "Beauvais", 2),
    _c("60200", "Compiègne", 2, "inondation"), _c("80000", "Amiens", 4), _c("02000", "Laon", 1),
    _c("02100", "Saint-Quentin", 2),
    # Grand Est
    _c("67000", "Strasbourg", 7, "inondation"), _c("67500", "Haguenau", 2), _c("67600", "Sélestat", 1),
    _c("68100", "Mulhouse", 4, "sismique"), _c("68000", "Colmar", 3, "sismique"), _c("57000", "Metz", 4),
    _c("57100", "Thionville", 2), _c("57600", "Forbach", 1), _c("54000", "Nancy", 4), _c("51100", "Reims", 5),
    _c("51000", "Châlons-en-Champagne", 2), _c("51200", "Épernay", 1), _c("10000", "Troyes", 3, "inondation"),
    _c("08000", "Charleville-Mézières", 2, "inondation"), _c("08200", "Sedan", 1), _c("52000", "Chaumont", 1),
    _c("52100", "Saint-Dizier", 1), _c("55000", "Bar-le-Duc", 1), _c("55100", "Verdun", 1),
    _c("88000", "Épinal", 2), _c("88100", "Saint-Dié-des-Vosges", 1),
    # Normandie
    _c("76000", "Rouen", 5, "inondation"), _c("76600", "Le Havre", 4, "littoral"), _c("14000", "Caen", 4),
    _c("14100", "Lisieux", 1), _c("50000", "Saint-Lô", 1), _c("50100", "Cherbourg-en-Cotentin", 2, "littoral"),
    _c("50400", "Granville", 1, "littoral"), _c("27000", "Évreux", 2), _c("27200", "Vernon", 1),
    _c("61000", "Alençon", 1), _c("61100", "Flers", 1),
    # Bretagne
    _c("35000", "Rennes", 6), _c("35400", "Saint-Malo", 2, "littoral"), _c("29200", "Brest", 4, "littoral"),
    _c("29000", "Quimper", 2, "inondation"), _c("29600", "Morlaix", 1), _c("22000", "Saint-Brieuc", 2),
    _c("22300", "Lannion", 1), _c("56000", "Vannes", 2), _c("56100", "Lorient", 2, "littoral"),
    # Pays de la Loire
    _c("44000", "Nantes", 7), _c("44600", "Saint-Nazaire", 2, "littoral"), _c("49000", "Angers", 4),
    _c("49300", "Cholet", 2), _c("72000", "Le Mans", 4), _c("53000", "Laval", 2), _c("53100", "Mayenne", 1),
    _c("85000", "La Roche-sur-Yon", 2), _c("85100", "Les Sables-d'Olonne", 1, "littoral"),
    # Centre-Val de Loire
    _c("45000", "Orléans", 4, "inondation"), _c("37000", "Tours", 4, "inondation"), _c("41000", "Blois", 2),
    _c("18000", "Bourges", 2), _c("28000", "Chartres", 2), _c("28100", "Dreux", 1), _c("36000", "Châteauroux", 2),
    # Bourgogne-Franche-Comté
    _c("21000", "Dijon", 4), _c("25000", "Besançon", 3), _c("25200", "Montbéliard", 2), _c("25300", "Pontarlier", 1),
    _c("39000", "Lons-le-Saunier", 1), _c("39100", "Dole", 1), _c("58000", "Nevers", 1), _c("70000", "Vesoul", 1),
    _c("71000", "Mâcon", 2, "inondation"), _c("71100", "Chalon-sur-Saône", 2), _c("89000", "Auxerre", 2),
    _c("89100", "Sens", 1), _c("90000", "Belfort", 2),
    # Auvergne-Rhône-Alpes
    _c("69001", "Lyon", 5), _c("69003", "Lyon", 8), _c("69007", "Lyon", 6, "inondation"),
    _c("69100", "Villeurbanne", 5),
    _c("69400", "Villefranche-sur-Saône", 2), _c("42000", "Saint-Étienne", 5), _c("42300", "Roanne", 2),
    _c("38000", "Grenoble", 5, "sismique"), _c("38200", "Vienne", 1), _c("63000", "Clermont-Ferrand", 4),
    _c("63500", "Issoire", 1), _c("01000", "Bourg-en-Bresse", 2), _c("03000", "Moulins", 1),
    _c("03100", "Montluçon", 1),
    _c("03200", "Vichy", 1), _c("07000", "Privas", 1), _c("07200", "Aubenas", 1, "inondation"),
    _c("15000", "Aurillac", 1), _c("26000", "Valence", 3), _c("26200", "Montélimar", 1),
    _c("43000", "Le Puy-en-Velay", 1),
    _c("73000", "Chambéry", 2, "sismique"), _c("74000", "Annecy", 3, "sismique"), _c("74100", "Annemasse", 2),
    _c("74400", "Chamonix-Mont-Blanc", 1, "sismique"),
    # Nouvelle-Aquitaine
    _c("33000", "Bordeaux", 7, "inondation"), _c("33700", "Mérignac", 3), _c("33120", "Arcachon", 1, "littoral"),
    _c("64000", "Pau", 3, "sismique"), _c("64100", "Bayonne", 2, "inondation"),
    _c("64200", "Biarritz", 1, "littoral"),
    _c("40000", "Mont-de-Marsan", 1, "feux_de_foret"), _c("40100", "Dax", 1, "inondation"),
    _c("47000", "Agen", 2, "inondation"),
    _c("47300", "Villeneuve-sur-Lot", 1), _c("24000", "Périgueux", 2), _c("24100", "Bergerac", 1, "argiles"),
    _c("24200", "Sarlat-la-Canéda", 1), _c("16000", "Angoulême", 2), _c("16100", "Cognac", 1),
    _c("17000", "La Rochelle", 3, "littoral"), _c("17100", "Saintes", 1, "inondation"), _c("17300", "Rochefort", 1),
    _c("79000", "Niort", 2, "argiles"), _c("86000", "Poitiers", 3), _c("87000", "Limoges", 4),
    _c("19000", "Tulle", 1), _c("19100", "Brive-la-Gaillarde", 2), _c("23000", "Guéret", 1),
    # Occitanie
    _c("31000", "Toulouse", 8, "argiles"), _c("31400", "Toulouse", 6, "inondation"), _c("34000", "Montpellier", 6),
    _c("34500", "Béziers", 2), _c("34200", "Sète", 1, "littoral"), _c("30000", "Nîmes", 4, "inondation"),
    _c("30100", "Alès", 2, "inondation"), _c("66000", "Perpignan", 3, "inondation"), _c("11000", "Carcassonne", 2),
    _c("11100", "Narbonne", 1, "inondation"), _c("81000", "Albi", 2), _c("81100", "Castres", 1),
    _c("82000", "Montauban", 2), _c("12000", "Rodez", 1), _c("12100", "Millau", 1), _c("46000", "Cahors", 1),
    _c("46100", "Figeac", 1), _c("65000", "Tarbes", 2, "sismique"), _c("65100", "Lourdes", 1, "sismique"),
    _c("32000", "Auch", 1, "argiles"), _c("09000", "Foix", 1), _c("09100", "Pamiers", 1), _c("48000", "Mende", 1),
    # Provence-Alpes-Côte d'Azur
    _c("13001", "Marseille", 6), _c("13008", "Marseille", 6, "littoral"),
    _c("13100", "Aix-en-Provence", 4, "sismique"),
    _c("13200", "Arles", 2, "inondation"), _c("06000", "Nice", 6, "sismique"), _c("06400", "Cannes", 2, "littoral"),
    _c("06600", "Antibes", 2), _c("06130", "Grasse", 1, "feux_de_foret"), _c("83000", "Toulon", 4),
    _c("83400", "Hyères", 1, "littoral"), _c("83600", "Fréjus", 1, "inondation"),
    _c("84000", "Avignon", 3, "inondation"),
    _c("84100", "Orange", 1), _c("84200", "Carpentras", 1), _c("04000", "Digne-les-Bains", 1, "sismique"),
    _c("04100", "Manosque", 1, "feux_de_foret"), _c("05000", "Gap", 1), _c("05100", "Briançon", 1, "sismique"),
    # Corse
    _c("20000", "Ajaccio", 2, "feux_de_foret"), _c("20090", "Ajaccio", 1),
    _c("20137", "Porto-Vecchio", 1, "feux_de_foret"),
    _c("20100", "Sartène", 1), _c("20110", "Propriano", 1, "littoral"), _c("20200", "Bastia", 2),
    _c("20250", "Corte", 1), _c("20260", "Calvi", 1, "littoral"), _c("20220", "L'Île-Rousse", 1, "littoral"),
    # DROM
    _c("97100", "Basse-Terre", 1, "sismique"), _c("97110", "Pointe-à-Pitre", 1, "sismique"),
    _c("97139", "Les Abymes", 1, "sismique"), _c("97200", "Fort-de-France", 2, "sismique"),
    _c("97220", "La Trinité", 1, "sismique"), _c("97300", "Cayenne", 1), _c("97310", "Kourou", 1),
    _c("97400", "Saint-Denis", 2, "inondation"), _c("97410", "Saint-Pierre", 1), _c("97460", "Saint-Paul", 1),
    _c("97600", "Mamoudzou", 1, "sismique"),
)  # fmt: skip

BIG_CITIES = frozenset({"Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier",
                        "Bordeaux", "Lille", "Rennes", "Reims", "Boulogne-Billancourt", "Villeurbanne",
                        "Saint-Denis", "Montreuil", "Grenoble", "Nanterre"})  # fmt: skip

# Number roots the national numbering plan keeps for audiovisual works (Arcep, décision n° 2018-0881
# modifiée, annexe 1, § 2.5.12): a generated number never rings a real subscriber. Mobile
# « 06 39 98 xx xx »; landlines by region.
FICTION_MOBILE = "06 39 98"
FICTION_LANDLINES = {"01": "01 99 00", "02": "02 61 91", "03": "03 53 01", "04": "04 65 71", "05": "05 36 49"}
LANDLINE_ZONE = {
    **dict.fromkeys(["75", "77", "78", "91", "92", "93", "94", "95"], "01"),
    **dict.fromkeys(["14", "18", "22", "27", "28", "29", "35", "36", "37", "41", "44", "45", "49", "50", "53", "56",
                     "61", "72", "76", "85", "974", "976"], "02"),
    **dict.fromkeys(["02", "08", "10", "21", "25", "39", "51", "52", "54", "55", "57", "58", "59", "60", "62", "67",
                     "68", "70", "71", "80", "88", "89", "90"], "03"),
    **dict.fromkeys(["01", "03", "04", "05", "06", "07", "11", "13", "15", "26", "2A", "2B", "30", "34", "38", "42",
                     "43", "48", "63", "66", "69", "73", "74", "83", "84"], "04"),
    **dict.fromkeys(["09", "12", "16", "17", "19", "23", "24", "31", "32", "33", "40", "46", "47", "64", "65", "79",
                     "81", "82", "86", "87", "971", "972", "973"], "05"),
}  # fmt: skip

# Reserved top-level domain (RFC 2606): generated addresses never reach a real mailbox.
EMAIL_PROVIDERS = (("orange", 18), ("gmail", 30), ("free", 10), ("laposte", 6), ("sfr", 6), ("outlook", 10),
                   ("hotmail", 8), ("yahoo", 5), ("wanadoo", 4), ("icloud", 3))  # fmt: skip
EMAIL_DOMAIN_SUFFIX = ".example"


@dataclass(frozen=True)
class VehicleModel:
    make: str
    model: str
    group: int  # groupe SRA (20–50)
    new_price: int  # euros, TTC
    energies: tuple[str, ...]
    weight: int


VEHICLE_MODELS: tuple[VehicleModel, ...] = (
    VehicleModel("Dacia", "Sandero", 27, 15000, ("essence", "gpl_e85"), 9),
    VehicleModel("Dacia", "Duster", 30, 21000, ("essence", "diesel", "gpl_e85"), 5),
    VehicleModel("Dacia", "Spring", 26, 17000, ("electrique",), 2),
    VehicleModel("Renault", "Clio V", 29, 19500, ("essence", "hybride", "diesel"), 10),
    VehicleModel("Renault", "Captur", 31, 25000, ("essence", "hybride_rechargeable", "hybride"), 6),
    VehicleModel("Renault", "Mégane E-Tech", 34, 38000, ("electrique",), 2),
    VehicleModel("Renault", "Zoe", 28, 32000, ("electrique",), 2),
    VehicleModel("Renault", "Austral", 35, 36000, ("hybride", "essence"), 2),
    VehicleModel("Peugeot", "208", 29, 20000, ("essence", "diesel", "electrique"), 10),
    VehicleModel("Peugeot", "2008", 31, 26000, ("essence", "diesel", "electrique"), 7),
    VehicleModel("Peugeot", "308", 33, 30000, ("essence", "diesel", "hybride_rechargeable"), 6),
    VehicleModel("Peugeot", "3008", 35, 37000, ("essence", "diesel", "hybride_rechargeable"), 6),
    VehicleModel("Peugeot", "5008", 36, 40000, ("essence", "diesel"), 2),
    VehicleModel("Citroën", "C3", 28, 18000, ("essence", "diesel"), 7),
    VehicleModel("Citroën", "C4", 32, 27000, ("essence", "diesel", "electrique"), 3),
    VehicleModel("Citroën", "C5 Aircross", 34, 33000, ("essence", "diesel", "hybride_rechargeable"), 2),
    VehicleModel("Toyota", "Yaris", 29, 22000, ("hybride",), 6),
    VehicleModel("Toyota", "Yaris Cross", 31, 27000, ("hybride",), 4),
    VehicleModel("Toyota", "C-HR", 34, 33000, ("hybride",), 3),
    VehicleModel("Toyota", "RAV4", 37, 42000, ("hybride", "hybride_rechargeable"), 2),
    VehicleModel("Volkswagen", "Polo", 30, 21000, ("essence",), 4),
    VehicleModel("Volkswagen", "Golf", 33, 30000, ("essence", "diesel", "hybride_rechargeable"), 4),
    VehicleModel("Volkswagen", "T-Roc", 34, 31000, ("essence", "diesel"), 3),
    VehicleModel("Volkswagen", "ID.3", 34, 39000, ("electrique",), 1),
    VehicleModel("Tesla", "Model 3", 41, 45000, ("electrique",), 2),
    VehicleModel("Tesla", "Model Y", 41, 47000, ("electrique",), 2),
    VehicleModel("BMW", "Série 1", 36, 33000, ("essence", "diesel"), 2),
    VehicleModel("BMW", "Série 3", 39, 46000, ("essence", "diesel", "hybride_rechargeable"), 2),
    VehicleModel("Mercedes-Benz", "Classe A", 37, 36000, ("essence", "diesel"), 2),
    VehicleModel("Mercedes-Benz", "GLC", 42, 60000, ("diesel", "hybride_rechargeable"), 1),
    VehicleModel("Audi", "A3", 37, 34000, ("essence", "diesel"), 2),
    VehicleModel("Audi", "Q5", 42, 58000, ("diesel", "hybride_rechargeable"), 1),
    VehicleModel("Kia", "Niro", 33, 34000, ("hybride", "electrique"), 2),
    VehicleModel("Hyundai", "Tucson", 35, 36000, ("hybride", "hybride_rechargeable"), 2),
    VehicleModel("Fiat", "500", 27, 17000, ("essence", "hybride", "electrique"), 3),
    VehicleModel("Ford", "Puma", 31, 26000, ("essence", "hybride"), 2),
    VehicleModel("Skoda", "Octavia", 33, 30000, ("essence", "diesel"), 2),
    VehicleModel("MG", "MG4", 32, 33000, ("electrique",), 1),
    VehicleModel("Opel", "Corsa", 29, 19000, ("essence", "electrique"), 3),
    VehicleModel("Nissan", "Qashqai", 34, 32000, ("essence", "hybride"), 3),
    VehicleModel("Volvo", "XC40", 38, 42000, ("hybride_rechargeable", "electrique"), 1),
    VehicleModel("Alpine", "A110", 47, 62000, ("essence",), 1),
)

# CO2 class (A: ≤ 100 g/km … G: > 250 g/km) by energy, and the certificate's P.3 energy code.
CO2_CLASSES_BY_ENERGY = {
    "electrique": ("A",),
    "hybride_rechargeable": ("A", "B"),
    "hybride": ("B", "C"),
    "gpl_e85": ("C", "D"),
    "essence": ("C", "D", "E"),
    "diesel": ("C", "D", "E"),
}
ENERGY_CODES = {"electrique": "EL", "hybride_rechargeable": "EE", "hybride": "EH", "gpl_e85": "FE",
                "essence": "ES", "diesel": "GO"}  # fmt: skip
CRIT_AIR = {"electrique": "Crit'Air 0", "hybride_rechargeable": "Crit'Air 1", "hybride": "Crit'Air 1",
            "gpl_e85": "Crit'Air 1", "essence": "Crit'Air 1", "diesel": "Crit'Air 2"}  # fmt: skip


@dataclass(frozen=True)
class Activity:
    """A PRO activity (the product's `activity` choice) and what a business doing it looks like."""

    code: str
    naf: tuple[tuple[str, str], ...]  # (NAF rév. 2 code, INSEE label)
    names: tuple[str, ...]  # first word of a trading name
    turnover: tuple[int, int]
    staff: tuple[int, int]
    surface: tuple[int, int]
    contents: tuple[int, int]
    weight: int


ACTIVITIES: tuple[Activity, ...] = (
    Activity("conseil_liberal", (("70.22Z", "Conseil pour les affaires et autres conseils de gestion"),
                                 ("74.90B", "Activités spécialisées, scientifiques et techniques diverses")),
             ("Cabinet", "Conseil"), (40000, 400000), (0, 5), (0, 120), (5000, 40000), 3),
    Activity("services_informatiques", (("62.01Z", "Programmation informatique"),
                                        ("62.02A", "Conseil en systèmes et logiciels informatiques")),
             ("Informatique", "Numérique", "Solutions"), (50000, 900000), (0, 12), (0, 200), (8000, 60000), 3),
    Activity("commerce_detail", (("47.71Z", "Commerce de détail d'habillement en magasin spécialisé"),
                                 ("47.61Z", "Commerce de détail de livres en magasin spécialisé"),
                                 ("47.76Z", "Commerce de détail de fleurs, plantes, graines, engrais, animaux "
                                            "de compagnie et aliments pour ces animaux en magasin spécialisé"),
                                 ("47.78C", "Autres commerces de détail spécialisés divers")),
             ("Boutique", "Maison", "Comptoir"), (80000, 1200000), (0, 8), (30, 400), (15000, 150000), 4),
    Activity("coiffure_esthetique", (("96.02A", "Coiffure"), ("96.02B", "Soins de beauté")),
             ("Salon", "Institut", "Atelier"), (40000, 300000), (0, 6), (25, 150), (10000, 60000), 3),
    Activity("atelier_reparation", (("95.21Z", "Réparation de produits électroniques grand public"),
                                    ("95.22Z", "Réparation d'appareils électroménagers et d'équipements pour la "
                                               "maison et le jardin"),
                                    ("95.23Z", "Réparation de chaussures et d'articles en cuir"),
                                    ("95.29Z", "Réparation d'autres biens personnels et domestiques")),
             ("Atelier", "Réparation"), (40000, 350000), (0, 5), (30, 250), (10000, 80000), 2),
    Activity("boulangerie_patisserie", (("10.71C", "Boulangerie et boulangerie-pâtisserie"),
                                        ("10.71D", "Pâtisserie")),
             ("Boulangerie", "Pâtisserie", "Fournil"), (150000, 900000), (1, 12), (60, 300), (40000, 200000), 3),
    Activity("restauration", (("56.10A", "Restauration traditionnelle"), ("56.10C", "Restauration de type rapide")),
             ("Restaurant", "Brasserie", "Bistrot", "Le Comptoir de"), (120000, 1500000), (1, 20), (60, 400),
             (30000, 250000), 4),
    Activity("artisan_batiment", (("43.31Z", "Travaux de plâtrerie"), ("43.32A", "Travaux de menuiserie bois et PVC"),
                                  ("43.33Z", "Travaux de revêtement des sols et des murs"),
                                  ("43.34Z", "Travaux de peinture et vitrerie"),
                                  ("43.39Z", "Autres travaux de finition")),
             ("Entreprise", "Artisan", "Rénovation"), (60000, 1500000), (0, 15), (0, 500), (10000, 120000), 4),
)  # fmt: skip

NAF_ACTIVITY = {code: activity.code for activity in ACTIVITIES for code, _label in activity.naf}

LEGAL_FORMS_DRAW = (("SARL", 30), ("SAS", 20), ("SASU", 18), ("EURL", 15), ("EI", 12), ("SA", 2), ("SNC", 3))


@dataclass(frozen=True)
class Bank:
    code: str
    name: str
    bic: str
    weight: int


BANKS: tuple[Bank, ...] = (
    Bank("30004", "BNP Paribas", "BNPAFRPPXXX", 12),
    Bank("30003", "Société Générale", "SOGEFRPPXXX", 10),
    Bank("30002", "LCL", "CRLYFRPPXXX", 8),
    Bank("20041", "La Banque Postale", "PSSTFRPPXXX", 10),
    Bank("10278", "Crédit Mutuel", "CMCIFR2AXXX", 10),
    Bank("30066", "CIC", "CMCIFRPPXXX", 6),
    Bank("18206", "Crédit Agricole Paris et Île-de-France", "AGRIFRPP882", 8),
    Bank("11306", "Crédit Agricole Alpes Provence", "AGRIFRPP813", 6),
    Bank("17515", "Caisse d'Épargne Île-de-France", "CEPAFRPP751", 8),
    Bank("10107", "BRED Banque Populaire", "BREDFRPPXXX", 5),
    Bank("30056", "HSBC Continental Europe", "CCFRFRPPXXX", 2),
)

INSURERS = (
    "Mutuelle des Trois Rivières", "Assurances Haute-Falaise", "Azur Prévoyance Mutuelle",
    "Compagnie Armoricaine d'Assurances", "Mutuelle Val-de-Loire", "Assurances Cévennes et Causses",
    "Société Lyonnaise de Garantie", "Mutuelle Boréale", "Assurances du Grand Delta", "Helvia Assurances",
)  # fmt: skip
ENERGY_SUPPLIERS = (
    ("Énergie Horizon", "Facture d'électricité"),
    ("Volt & Vous", "Facture d'électricité et de gaz"),
    ("EauClaire Services", "Facture d'eau"),
    ("Fibra Télécom", "Facture d'accès à internet"),
)

INTERACTION_MOTIVES = (
    ("Demande d'attestation d'assurance", "Attestation envoyée par courriel le jour même."),
    ("Question sur l'échéancier", "Explication du fractionnement et des dates de prélèvement."),
    ("Changement d'adresse", "Nouvelle adresse enregistrée ; incidence tarifaire vérifiée."),
    ("Mise à jour des coordonnées bancaires", "Nouveau RIB reçu, mandat SEPA à faire signer."),
    ("Demande de devis", "Besoins recueillis, devis à établir (devoir de conseil)."),
    ("Réclamation sur la cotisation", "Hausse expliquée (indice, bonus-malus) ; client satisfait."),
    ("Demande de relevé d'information", "Relevé d'information édité et envoyé sous 15 jours (A121-1)."),
    ("Déclaration de sinistre", "Déclaration enregistrée et transmise au service sinistres."),
    ("Question sur les garanties", "Garanties et franchises rappelées à partir des conditions particulières."),
)

# The fictitious insurer of the training platform, as creditor of the SEPA mandates it collects.
HOUSE_CREDITOR = "Polyadmin Assurances (assureur fictif de formation)"
HOUSE_CREDITOR_ADDRESS = "1 place de la Formation, 75000 Paris"
HOUSE_CREDITOR_ICS = "FR43ZZZ654321"  # identifiant créancier SEPA: FR, 2 check digits, ZZZ, national id

# Driving schools and electrical inspection bodies named on the documents they issue (fictitious).
DRIVING_SCHOOL = "École de conduite du Centre"
INSPECTION_BODY = "Bureau de Vérifications Électriques de l'Est (fictif)"
