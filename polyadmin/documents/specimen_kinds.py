"""The supporting documents (pièces justificatives) polyadmin prints as SPECIMEN PDFs, and their data keys.

This is the reference shared by the scenario generator (polyadmin.seeding), which fills the JSON
column `supporting_documents.data`, and by the renderer (polyadmin.documents.specimens), which prints
it. One `SpecimenKind` per value of `supporting_documents.kind`: its French title and the keys of
`data`, each with the label printed on the document and the shape of its value.

Conventions of `data` (JSON):
- every key is optional: a missing key (or None, or "") prints « — », so a document can be
  incomplete on purpose; unknown keys are ignored;
- `date`: ISO text "2024-03-31"; `amount`: euros as decimal text "1234.56" (never a float);
  `coefficient`: decimal text "0.85"; `percent`: the percentage as decimal text ("3.45" is 3,45 %);
  `integer`: a JSON number; `text`: a string; `table`: a list of objects whose keys are the
  field's `columns` (same conventions, same tolerance);
- the dates of the document itself are the row's columns, not `data`: `issued_on` is the date of
  issue (date d'émission, date de l'extrait, date de la facture…) and `valid_until` the end of
  validity when the document has one (pièce d'identité, permis…). Planted anomalies (an expired
  document, a CRM that differs from the declaration…) are made by the values themselves; the
  `anomaly` column only tells evaluators what was planted.

Codes shared with the portfolio tables are kept as they are there (liability `full`/`partial`/`none`,
`terminated_by` `insurer`/`insured`, `termination_reason` `non_payment`/`claims`/`echeance`/…); the
renderer prints their French label and prints any other text as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ValueShape = Literal["text", "date", "amount", "coefficient", "percent", "integer", "table"]


@dataclass(frozen=True)
class SpecimenField:
    """One key of `data`: its label on the document and the shape of its value."""

    key: str
    label: str
    shape: ValueShape = "text"
    columns: tuple[SpecimenField, ...] = ()  # for shape "table": the keys of each row


@dataclass(frozen=True)
class SpecimenKind:
    """A kind of supporting document: French title, what defines or requires it, its data keys."""

    code: str
    title: str
    source: str
    fields: tuple[SpecimenField, ...]

    def field(self, key: str) -> SpecimenField:
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.fields)


def _f(key: str, label: str, shape: ValueShape = "text", *columns: SpecimenField) -> SpecimenField:
    return SpecimenField(key, label, shape, tuple(columns))


RELEVE_INFORMATION = SpecimenKind(
    code="releve_information",
    title="Relevé d'information",
    source=(
        "Clause type de réduction-majoration annexée à l'article A121-1 du Code des assurances, "
        "article 12 : délivré par l'assureur lors de la résiliation du contrat par l'une des parties "
        "et dans les quinze jours d'une demande expresse du souscripteur."
    ),
    fields=(
        _f("insurer", "Assureur"),
        _f("insurer_address", "Adresse de l'assureur"),
        _f("policy_number", "N° de contrat"),
        _f("subscription_date", "Date de souscription du contrat", "date"),
        _f("subscriber", "Souscripteur"),
        _f("subscriber_birth_date", "Date de naissance du souscripteur", "date"),
        _f("subscriber_address", "Adresse du souscripteur"),
        _f(
            "drivers",
            "Conducteurs désignés",
            "table",
            _f("name", "Nom et prénom"),
            _f("birth_date", "Date de naissance", "date"),
            _f("licence_number", "N° de permis"),
            _f("licence_date", "Permis délivré le", "date"),
            _f("role", "Qualité"),  # principal | secondaire (or any text)
        ),
        _f("registration", "Immatriculation du véhicule"),  # AA-123-AA
        _f("vehicle", "Véhicule (marque, modèle)"),
        _f("period_start", "Période d'assurance du", "date"),
        _f("period_end", "au", "date"),
        _f("last_due_date", "Dernière échéance annuelle", "date"),
        _f("crm", "Coefficient de réduction-majoration appliqué à la dernière échéance annuelle", "coefficient"),
        _f(
            "claims",
            "Sinistres survenus au cours des cinq périodes annuelles précédentes",
            "table",
            _f("date", "Date de survenance", "date"),
            _f("nature", "Nature"),  # accident | vol | incendie | bris_glace | … (or any text)
            _f("liability", "Responsabilité"),  # full | partial | none
            _f("driver", "Conducteur"),
        ),
        _f("termination_date", "Date de résiliation", "date"),
        _f("terminated_by", "Résilié à l'initiative de"),  # insurer | insured
        _f("termination_reason", "Motif de la résiliation"),  # non_payment | claims | echeance | …
        _f("information_date", "Informations arrêtées au", "date"),  # defaults to issued_on
    ),
)

CERTIFICAT_IMMATRICULATION = SpecimenKind(
    code="certificat_immatriculation",
    title="Certificat d'immatriculation",
    source=(
        "Système d'immatriculation des véhicules (SIV) : rubriques codifiées du certificat (arrêté du 9 février 2009)."
    ),
    fields=(
        _f("registration", "A. Numéro d'immatriculation"),  # AA-123-AA
        _f("first_registration", "B. Date de première immatriculation", "date"),
        _f("holder_name", "C.1 Titulaire du certificat (nom, prénom ou raison sociale)"),
        _f("holder_address", "C.3 Adresse du titulaire"),
        _f("owner_mention", "C.4a Le titulaire est-il le propriétaire du véhicule"),  # "oui" | "non"
        _f("make", "D.1 Marque"),
        _f("type_variant", "D.2 Type, variante, version"),
        _f("model", "D.3 Dénomination commerciale"),
        _f("vin", "E. Numéro d'identification du véhicule"),
        _f("max_mass_kg", "F.2 Masse en charge maximale admissible (kg)", "integer"),
        _f("certificate_date", "I. Date d'immatriculation du certificat", "date"),
        _f("national_category", "J.1 Genre national"),  # VP, CTTE, MTL…
        _f("body", "J.3 Carrosserie"),
        _f("displacement_cc", "P.1 Cylindrée (cm³)", "integer"),
        _f("power_kw", "P.2 Puissance nette maximale (kW)", "integer"),
        _f("energy", "P.3 Type de carburant ou source d'énergie"),  # ES, GO, EL, EH…
        _f("fiscal_power", "P.6 Puissance administrative nationale (CV)", "integer"),
        _f("seats", "S.1 Nombre de places assises", "integer"),
        _f("co2", "V.7 CO₂ (g/km)", "integer"),
        _f("environment_class", "V.9 Classe environnementale"),
        _f("inspection_date", "X.1 Date de validité du contrôle technique", "date"),
    ),
)

JUSTIFICATIF_DOMICILE = SpecimenKind(
    code="justificatif_domicile",
    title="Justificatif de domicile",
    source=(
        "Facture de fourniture d'énergie, d'eau, de téléphone ou d'accès à internet, avis d'imposition, "
        "quittance de loyer…"
    ),
    fields=(
        _f("issuer", "Émetteur"),  # e.g. a (fictitious) energy supplier
        _f("issuer_address", "Adresse de l'émetteur"),
        _f("document_type", "Nature du document"),  # Facture d'électricité, Quittance de loyer…
        _f("customer_number", "Référence client"),
        _f("holder", "Titulaire du contrat"),
        _f("address_line1", "Adresse"),
        _f("postcode", "Code postal"),
        _f("city", "Commune"),
        _f("period_start", "Période facturée du", "date"),
        _f("period_end", "au", "date"),
        _f("amount", "Montant TTC", "amount"),
    ),
)

KBIS = SpecimenKind(
    code="kbis",
    title="Extrait Kbis",
    source=(
        "Extrait d'immatriculation au registre du commerce et des sociétés (RCS), délivré par le greffe "
        "du tribunal de commerce."
    ),
    fields=(
        _f("registry", "Greffe du tribunal de commerce de"),
        _f("company_name", "Dénomination"),
        _f("siren", "N° d'identification (SIREN)"),  # 9 digits
        _f("rcs", "Immatriculation RCS"),  # e.g. "RCS Lyon 552 100 554"
        _f("registration_date", "Date d'immatriculation", "date"),
        _f("legal_form", "Forme juridique"),
        _f("share_capital", "Capital social", "amount"),
        _f("address", "Adresse du siège"),
        _f("activity", "Activités principales"),
        _f("naf_code", "Code NAF / APE"),
        _f("start_of_activity", "Date de commencement d'activité", "date"),
        _f("director", "Dirigeant (nom, prénom)"),
        _f("director_role", "Qualité du dirigeant"),  # Gérant, Président…
        _f("director_birth_date", "Date de naissance du dirigeant", "date"),
    ),
)

TABLEAU_AMORTISSEMENT = SpecimenKind(
    code="tableau_amortissement",
    title="Tableau d'amortissement",
    source=(
        "Remis à l'emprunteur avec l'offre de prêt (Code de la consommation, art. L313-25). "
        "Les lignes sont calculées par polyadmin à partir du capital, du taux et de la durée "
        "(échéances constantes, arrondies au centime, la dernière échéance absorbant l'arrondi)."
    ),
    fields=(
        _f("lender", "Prêteur"),
        _f("lender_address", "Adresse du prêteur"),
        _f("borrower", "Emprunteur(s)"),
        _f("loan_number", "N° de prêt"),
        _f("purpose", "Objet du prêt"),
        _f("capital", "Montant emprunté", "amount"),
        _f("rate_percent", "Taux nominal annuel", "percent"),  # fixed rate, monthly instalments
        _f("duration_months", "Durée (mois)", "integer"),
        _f("first_due_date", "Date de la première échéance", "date"),
        _f("insured_share_percent", "Quotité assurée", "percent"),
    ),
)

PERMIS_CONDUIRE = SpecimenKind(
    code="permis_conduire",
    title="Permis de conduire",
    source="Modèle européen de permis de conduire (directive 2006/126/CE) : rubriques numérotées du titre.",
    fields=(
        _f("surname", "1. Nom"),
        _f("given_names", "2. Prénoms"),
        _f("birth_date", "3. Date de naissance", "date"),
        _f("birth_place", "3. Lieu de naissance"),
        _f("authority", "4c. Autorité de délivrance"),  # e.g. Préfecture du Rhône
        _f("licence_number", "5. Numéro du permis"),
        _f(
            "categories",
            "9. Catégories",
            "table",
            _f("category", "Catégorie"),  # AM, A1, A2, A, B1, B, BE, C…
            _f("obtained_on", "10. Date de délivrance", "date"),
            _f("valid_until", "11. Fin de validité", "date"),
            _f("restrictions", "12. Mentions"),
        ),
    ),
)

PIECE_IDENTITE = SpecimenKind(
    code="piece_identite",
    title="Pièce d'identité",
    source=(
        "Carte nationale d'identité ou passeport (document de voyage) ; la date d'expiration est la "
        "colonne valid_until."
    ),
    fields=(
        _f("document_type", "Type de document"),  # Carte nationale d'identité | Passeport | Titre de séjour
        _f("document_number", "N° du document"),
        _f("surname", "Nom"),
        _f("usage_name", "Nom d'usage"),
        _f("given_names", "Prénoms"),
        _f("sex", "Sexe"),  # F | M
        _f("nationality", "Nationalité"),
        _f("birth_date", "Date de naissance", "date"),
        _f("birth_place", "Lieu de naissance"),
        _f("issuing_authority", "Autorité de délivrance"),
    ),
)

MANDAT_SEPA = SpecimenKind(
    code="mandat_sepa",
    title="RIB et mandat de prélèvement SEPA",
    source=(
        "Relevé d'identité bancaire et mandat de prélèvement SEPA (règlement (UE) n° 260/2012) : "
        "identifiant créancier SEPA (ICS), référence unique du mandat (RUM), date de signature."
    ),
    fields=(
        _f("bank", "Banque"),
        _f("branch", "Domiciliation"),
        _f("holder", "Titulaire du compte (débiteur)"),
        _f("holder_address", "Adresse du titulaire"),
        _f("iban", "IBAN"),  # FR76…, with or without spaces
        _f("bic", "BIC"),
        _f("creditor", "Nom du créancier"),
        _f("creditor_address", "Adresse du créancier"),
        _f("creditor_identifier", "Identifiant créancier SEPA (ICS)"),  # FR43ZZZ654321
        _f("mandate_reference", "Référence unique du mandat (RUM)"),
        _f("payment_type", "Type de paiement"),  # Récurrent | Ponctuel
        _f("signed_at", "Fait à"),
        _f("signature_date", "Date de signature", "date"),
        _f("signature", "Signature du débiteur"),  # the name as signed, empty when not signed
    ),
)

ATTESTATION_AAC = SpecimenKind(
    code="attestation_aac",
    title="Attestation de fin de formation initiale (AAC)",
    source=(
        "Apprentissage anticipé de la conduite (Code de la route, art. R211-5) : attestation délivrée par "
        "l'école de conduite à la fin de la formation initiale (20 heures de conduite au moins)."
    ),
    fields=(
        _f("school", "École de conduite"),
        _f("school_address", "Adresse de l'école"),
        _f("school_approval", "N° d'agrément préfectoral"),
        _f("student", "Élève"),
        _f("student_birth_date", "Date de naissance de l'élève", "date"),
        _f("training_start", "Début de la formation initiale", "date"),
        _f("training_end", "Fin de la formation initiale", "date"),
        _f("driving_hours", "Heures de conduite effectuées", "integer"),
        _f("companions", "Accompagnateur(s)"),
        _f("companion_licence_years", "Ancienneté du permis de l'accompagnateur (années)", "integer"),
        _f("insurer_agreement", "Accord de l'assureur de l'accompagnateur"),  # oui | non
    ),
)

FICHE_STANDARDISEE = SpecimenKind(
    code="fiche_standardisee",
    title="Fiche standardisée d'information (assurance emprunteur)",
    source=(
        "Remise par le prêteur dès la première simulation (Code de la consommation, art. L313-10) : "
        "garanties exigées, quotité, critères de l'équivalence du niveau de garantie (délégation)."
    ),
    fields=(
        _f("lender", "Prêteur"),
        _f("lender_address", "Adresse du prêteur"),
        _f("borrower", "Emprunteur"),
        _f("loan_purpose", "Objet du prêt"),
        _f("capital", "Montant du prêt", "amount"),
        _f("duration_months", "Durée (mois)", "integer"),
        _f("required_guarantees", "Garanties exigées par le prêteur"),
        _f("insured_share_percent", "Quotité exigée", "percent"),
        _f("equivalence_criteria", "Critères d'équivalence du niveau de garantie"),
        _f("group_contract_cost", "Coût de l'assurance du prêteur (TAEA)", "percent"),
        _f("group_contract_monthly", "Coût mensuel de l'assurance du prêteur", "amount"),
    ),
)

LIASSE_FISCALE = SpecimenKind(
    code="liasse_fiscale",
    title="Liasse fiscale",
    source=(
        "Déclaration de résultats (formulaires 2050 à 2059, régime réel normal) : extrait du bilan et du "
        "compte de résultat."
    ),
    fields=(
        _f("company_name", "Dénomination"),
        _f("siren", "SIREN"),
        _f("naf_code", "Code NAF / APE"),
        _f("tax_regime", "Régime d'imposition"),
        _f("fiscal_year_start", "Exercice ouvert le", "date"),
        _f("fiscal_year_end", "Exercice clos le", "date"),
        _f("turnover", "Chiffre d'affaires net (FL)", "amount"),
        _f("operating_result", "Résultat d'exploitation (GG)", "amount"),
        _f("net_result", "Résultat de l'exercice (HN)", "amount"),
        _f("staff", "Effectif moyen du personnel (YP)", "integer"),
        _f("equity", "Capitaux propres (DL)", "amount"),
    ),
)

VERIFICATIONS_SECURITE = SpecimenKind(
    code="verifications_securite",
    title="Rapport de vérification des installations électriques (Q18)",
    source=(
        "Référentiel APSAD D18 / vérification Q18 : contrôle annuel des installations électriques par un "
        "vérificateur certifié, avec les observations classées par priorité."
    ),
    fields=(
        _f("organism", "Organisme vérificateur"),
        _f("organism_certificate", "N° de certificat Q18"),
        _f("verifier", "Vérificateur"),
        _f("site", "Établissement vérifié"),
        _f("site_address", "Adresse du site"),
        _f("verification_date", "Date de la vérification", "date"),
        _f(
            "observations",
            "Observations",
            "table",
            _f("item", "Installation"),
            _f("observation", "Constat"),
            _f("priority", "Priorité"),  # 1 (immédiat) | 2 | 3, or any text
        ),
        _f("conclusion", "Conclusion"),
        _f("next_verification", "Prochaine vérification avant le", "date"),
    ),
)

SPECIMEN_KINDS: dict[str, SpecimenKind] = {
    kind.code: kind
    for kind in (
        RELEVE_INFORMATION,
        CERTIFICAT_IMMATRICULATION,
        JUSTIFICATIF_DOMICILE,
        KBIS,
        TABLEAU_AMORTISSEMENT,
        PERMIS_CONDUIRE,
        PIECE_IDENTITE,
        MANDAT_SEPA,
        ATTESTATION_AAC,
        FICHE_STANDARDISEE,
        LIASSE_FISCALE,
        VERIFICATIONS_SECURITE,
    )
}

# French labels of the codes shared with the portfolio tables (any other value prints as written).
LIABILITY_LABELS = {
    "full": "Responsable (100 %)",
    "partial": "Responsabilité partagée (50 %)",
    "none": "Non responsable (0 %)",
}
TERMINATED_BY_LABELS = {"insurer": "l'assureur", "insured": "l'assuré"}
TERMINATION_REASON_LABELS = {
    "non_payment": "Non-paiement de prime",
    "claims": "Sinistralité",
    "echeance": "Résiliation à l'échéance",
    "hamon": "Résiliation infra-annuelle (loi Hamon)",
    "vente_vehicule": "Vente du véhicule",
    "aggravation": "Aggravation du risque",
    "fausse_declaration": "Fausse déclaration",
    "retrait_permis": "Suspension ou annulation du permis",
}
CLAIM_NATURE_LABELS = {
    "accident": "Accident",
    "vol": "Vol",
    "incendie": "Incendie",
    "bris_glace": "Bris de glace",
    "degats_des_eaux": "Dégâts des eaux",
    "catastrophe_naturelle": "Catastrophe naturelle",
    "stationnement": "Accrochage en stationnement",
}


def kind_title(kind: str) -> str:
    """The French title of a kind, or the code itself for a kind polyadmin does not know."""
    known = SPECIMEN_KINDS.get(kind)
    return known.title if known else kind
