"""Every journaled action: its French label and the referential codes it bears on.

Codes refer to the CQP « Chargé(e) de relation client assurance » referential: block 1 (C1.8
traceability and GDPR, C1.9 documents, C1.10 quality, C1.11 non-conformities) and block 2A
(C2A.1–C2A.4, option souscription).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionKind:
    name: str
    label: str
    codes: tuple[str, ...]


ACTIONS: dict[str, ActionKind] = {
    kind.name: kind
    for kind in (
        ActionKind("user.create", "Création d'un compte utilisateur", ()),
        ActionKind("auth.token.issue", "Émission d'un jeton d'API", ()),
        ActionKind("auth.token.revoke", "Révocation d'un jeton d'API", ()),
        ActionKind("auth.login", "Connexion au back-office", ()),
        ActionKind("auth.logout", "Déconnexion (fin de toutes les sessions du compte)", ()),
        ActionKind("auth.login.failure", "Échec de connexion (identifiant ou mot de passe incorrect)", ()),
        ActionKind("user.disable", "Désactivation d'un compte utilisateur", ()),
        ActionKind("user.enable", "Réactivation d'un compte utilisateur", ()),
        ActionKind("user.password.reset", "Nouveau mot de passe d'un compte utilisateur", ()),
        ActionKind("user.unlock", "Déblocage d'un compte après des échecs de connexion", ()),
        ActionKind("exam_session.create", "Création d'une session d'examen", ()),
        ActionKind("catalogue.load", "Chargement d'une version du catalogue des produits", ()),
        ActionKind("exam_session.catalogue.pin", "Association d'un catalogue à une session d'examen", ()),
        ActionKind("sandbox.create", "Ouverture du bac à sable", ()),
        # The trainer's move, not the candidate's work: no candidate criterion (issue #10).
        ActionKind("sandbox.clock.move", "Avance de la date de la simulation", ()),
        # Trainer set-up, not candidate work: no referential code, so a competence filter of the
        # evaluator's timeline never shows them (like exam_session.create and sandbox.create).
        ActionKind("sandbox.seed", "Ensemencement du portefeuille (scénario)", ()),
        ActionKind("sandbox.reset", "Réinitialisation du portefeuille à son état ensemencé", ()),
        ActionKind("client.create", "Création d'une fiche client", ("C1.8", "C2A.1")),
        ActionKind("client.update", "Modification d'une fiche client", ("C1.8",)),
        ActionKind("interaction.record", "Enregistrement d'un contact avec le client", ("C1.8",)),
        # Casework on a subscription request (record request:<id>).
        ActionKind("request.consult", "Consultation depuis la demande (outil ou dossier)", ("C2A.1",)),
        ActionKind("request.document_check", "Contrôle d'une pièce justificative", ("C2A.1", "C1.8")),
        ActionKind("request.correction", "Correction du dossier d'après une pièce", ("C1.8", "C1.11")),
        ActionKind("request.documents_requested", "Demande de pièces au client", ("C2A.1", "C1.9")),
        ActionKind("request.documents_reminder", "Relance du client pour des pièces", ("C2A.4", "C1.10")),
        ActionKind("referral.send", "Transmission à un expert", ("C2A.2",)),
        ActionKind("referral.reminder", "Relance d'un expert", ("C2A.2", "C1.10")),
        # The expert's answer (the trainer playing the expert, or the scenario's script): not the candidate's.
        ActionKind("referral.answer", "Réponse d'un expert", ()),
        # The simulated client's scripted reply to a request for documents: not the candidate's work.
        ActionKind("request.documents_received", "Réception de pièces envoyées par le client", ()),
        ActionKind("request.decision", "Décision sur une demande de souscription", ("C2A.1", "C2A.2")),
        ActionKind("request.non_conformity", "Signalement d'une non-conformité", ("C1.11",)),
        # The evaluation committee (issue 12), in the stream evaluation:<sandbox> the candidate never reads.
        ActionKind("evaluation.mark", "Appréciation d'un critère par l'évaluateur", ()),
        ActionKind("evaluation.decision", "Décision du jury sur un bloc de compétences", ()),
        # The life of a document edited for a client (record client_document:<id>).
        ActionKind("document.edit", "Édition d'un document pour le client", ("C1.9",)),
        ActionKind("document.transmit", "Transmission d'un document au client", ("C1.9",)),
        ActionKind("document.receipt", "Réception d'un document retourné par le client", ("C1.9",)),
        ActionKind("document.reminder", "Relance du client pour un document non retourné", ("C1.9", "C1.10")),
        # A catalogue loaded before, loaded again: the current catalogue again (platform stream).
        ActionKind("catalogue.reinstate", "Remise en vigueur d'une version déjà chargée du catalogue", ()),
        # Offers under the duty to advise (record client:<id> for the needs, quote:<id> for a quote).
        ActionKind("needs.record", "Recueil des exigences et des besoins du client, conseil", ("C2A.3",)),
        ActionKind("quote.create", "Établissement d'un devis", ("C2A.3",)),
        ActionKind("quote.version", "Nouvelle version d'un devis (changement du client)", ("C2A.3",)),
        # Agreement and issue (record quote:<id>), the services' tasks (record task:<id>).
        ActionKind("quote.agreement", "Enregistrement de l'accord du client sur un devis", ("C2A.4",)),
        ActionKind("contract.issue", "Émission des contrats d'un devis accepté", ("C2A.4", "C1.9")),
        ActionKind("task.close", "Clôture d'une tâche d'un service", ("C2A.4",)),
        # Contract life (issue 13, record contract:<id>): a termination on a legal ground.
        ActionKind(
            "contract.terminate", "Résiliation d'un contrat (motif légal, date d'effet, remboursement)", ("C2A.4",)
        ),
        # Money in (issue 14 §1, record contract:<id>): a payment received and allocated to instalments.
        ActionKind("payment.record", "Encaissement d'un paiement et affectation aux échéances", ("C2A.4",)),
        # An endorsement (avenant) and its cancellation (record contract:<id>).
        ActionKind("contract.endorse", "Avenant à un contrat (modifications, différence de prime)", ("C2A.4",)),
        ActionKind("contract.endorsement_cancel", "Annulation du dernier avenant d'un contrat", ("C2A.4",)),
        # A scenario sent from the browser and saved into the scenarios folder (platform stream).
        ActionKind("scenario.upload", "Enregistrement d'un scénario envoyé par un formateur", ()),
    )
}

REFERENTIAL_CODES: dict[str, str] = {
    "C1.8": "Exploiter les outils internes de gestion (saisie, traçabilité, RGPD)",
    "C1.9": "Transmettre la documentation",
    "C1.10": "Mettre en œuvre la démarche qualité",
    "C1.11": "Repérer et traiter les non-conformités",
    "C2A.1": "Analyser une demande de souscription",
    "C2A.2": "Valider les conditions techniques nécessitant un tiers",
    "C2A.3": "Construire une offre de solutions",
    "C2A.4": "Mettre en œuvre les procédures de souscription et de gestion",
}


def action_kind(name: str) -> ActionKind:
    return ACTIONS[name]
