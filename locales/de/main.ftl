# ThingData-Oberfläche, Deutsch. Mit en/main.ftl abgleichen (ein Test prüft das).

skip-to-content = Zum Inhalt springen
nav-label = Hauptnavigation
nav-things = Dinge
nav-stories = Geschichten
nav-guides = Anleitungen
nav-relationships = Beziehungen
nav-api = API
language-label = Sprache
language-apply = Wechseln
footer-text = ThingData – offenes, föderiertes Reparaturwissen.
loading = Wird geladen …
load-error = Diese Seite konnte nicht geladen werden. Bitte versuche es gleich noch einmal.
none = keine
not-found-title = Nicht gefunden
not-found-text = Unter dieser Adresse gibt es nichts. Vielleicht wurde es gelöscht.
back-home = Zur Startseite
fallback-note = (nicht übersetzt; in der Originalsprache angezeigt)

kind-thing = Ding
kind-story = Geschichte
kind-guide = Anleitung
kind-relationship = Beziehung
kind-thing-plural = Dinge
kind-story-plural = Geschichten
kind-guide-plural = Anleitungen
kind-relationship-plural = Beziehungen

action-create-thing = Ding hinzufügen
action-create-story = Reparaturgeschichte erzählen
action-create-guide = Anleitung hinzufügen
action-create-relationship = Beziehung hinzufügen
action-edit = Bearbeiten
action-history = Verlauf
action-delete = Löschen
action-save = Speichern
action-cancel = Abbrechen

home-title = Reparaturwissen, geteilt
home-intro = ThingData sammelt, wie Dinge funktionstüchtig bleiben: die Dinge selbst, Geschichten von Reparaturen, Anleitungen und wie alles zusammenhängt. Stöbere, filtere und trage in deiner Sprache bei.
home-counts = Auf dieser Instanz
home-revisions = Revisionen
home-instance = Adresse der Instanz: { $url }
home-recent = Letzte Änderungen
home-empty = Hier ist noch nichts.
home-contribute = Mitmachen

api-title = JSON-API
api-intro = Zu jeder Seite gibt es eine JSON-API. Die maschinenlesbare Beschreibung ist
api-endpoints = Endpunkte
api-method = Methode
api-path = Pfad
api-summary = Was er tut

filters-label = Filter
filter-any = alle
filter-apply = Filter anwenden
filter-reset = Zurücksetzen
list-empty = Nichts passt zu diesen Filtern.
pagination-label = Seiten
pagination-prev = Vorherige Seite
pagination-next = Nächste Seite
pagination-status = Seite { $page } von { $pages } ({ $total } insgesamt)

notice-saved = Gespeichert.
notice-deleted = Gelöscht. Der Verlauf bleibt erhalten.
notice-stale = Jemand anderes hat dies geändert, seit du es geöffnet hast. Deine Änderungen stehen noch unten; prüfe die aktuelle Fassung und speichere erneut, um sie darauf anzuwenden.
notice-gone = Dies wurde gelöscht, während du es bearbeitet hast. Deine Änderungen stehen noch unten.

entity-actions = Aktionen
meta-created = Erstellt
meta-updated = geändert
meta-uri = Globale Adresse:
meta-revision = Revision
rel-outgoing = { $type } →
rel-incoming = ← { $type } (hierher)
rel-details = (Details)
deleted-thing = (gelöschtes Ding)

field-type = Art
field-name = Name
field-description = Beschreibung
field-identifier = Kennung
field-manufacturer = Hersteller
field-manufacturer-name = Name des Herstellers
field-website = Website
field-contact = Kontakt-E-Mail
field-properties = Eigenschaften
field-materials = Materialien
field-dimensions = Abmessungen
field-width = Breite
field-height = Höhe
field-depth = Tiefe
field-unit = Einheit
field-manufacturing-date = Herstellungsdatum
field-serial-number = Seriennummer
field-title = Titel
field-summary = Zusammenfassung
field-applies-to = Gilt für
field-thing-id = Ding
field-category = Kategorie
field-subcategory = Unterkategorie
field-attributes = Merkmale
field-procedure = Ablauf
field-guide-primary = Art der Anleitung
field-guide-secondary = Zweck
field-requirements = Voraussetzungen
field-skills = Fähigkeiten
field-tools = Werkzeuge
field-certifications = Zertifizierungen
field-warnings = Warnungen
field-severity = Schwere
field-message = Meldung
field-source = Von
field-source-type = Art der Quelle
field-source-id = Quelle
field-target = Zu
field-target-type = Art des Ziels
field-target-id = Ziel
field-relationship-type = Beziehung
field-direction = Richtung
field-metadata = Metadaten

hint-identifier = Optional, z. B. thing:appliance/acme/cm-200
hint-date = JJJJ, JJJJ-MM oder JJJJ-MM-TT
hint-applies-to = Gib entweder ein Ding oder eine Kategorie von Dingen an.
hint-picker = Tippe einen Namen und wähle aus der Liste; die ID wird eingetragen.
hint-key-value = Eine pro Zeile: schlüssel=wert
one-per-line = Eins pro Zeile

form-new-title = { $kind } anlegen
form-edit-title = { $kind } bearbeiten
form-problems = { $count ->
    [one] Ein Problem muss behoben werden
   *[other] { $count } Probleme müssen behoben werden
}
select-none = — auswählen —
localized-default = Text (Standardsprache)
localized-language = Sprachkürzel
localized-language-hint = BCP 47, z. B. de, es, pt-BR
localized-text = Übersetzung
localized-add = Übersetzung für { $field } hinzufügen
step-heading = Schritt { $number }
step-description = Was zu tun ist
step-warning = Warnung
step-warnings = Warnungen
step-warning-add = Warnung hinzufügen
step-warning-remove = Diese Warnung entfernen
step-tools = Werkzeuge
step-media = Medien-Links
step-add = Schritt hinzufügen
step-up = Nach oben
step-down = Nach unten
step-remove = Schritt entfernen
step-up-label = Schritt { $number } nach oben
step-down-label = Schritt { $number } nach unten
step-remove-label = Schritt { $number } entfernen

history-title = Verlauf von { $label }
history-back = Zur aktuellen Fassung
history-deleted = Dies wurde gelöscht; der Verlauf bleibt erhalten.
history-by = von { $author } auf { $instance }
history-changed = Geändert

delete-title = { $label } löschen?
delete-explain = Damit wird dieses Objekt ({ $kind }) von dieser Instanz entfernt. Der Verlauf bleibt erhalten und zeigt die Löschung.
delete-relationships = { $count ->
    [one] Seine eine Beziehung wird mitgelöscht.
   *[other] Seine { $count } Beziehungen werden mitgelöscht.
}
delete-confirm = Ja, löschen
delete-error-confirm = Setze das Häkchen, um das Löschen zu bestätigen.
delete-error-stale = Jemand anderes hat es inzwischen geändert. Bitte sieh es dir vor dem Löschen noch einmal an.

vocab-op-create = Erstellt
vocab-op-update = Geändert
vocab-op-delete = Gelöscht
vocab-device = Gerät
vocab-component = Bauteil
vocab-material = Material
vocab-tool = Werkzeug
vocab-repair = Reparatur
vocab-maintenance = Wartung
vocab-modification = Umbau
vocab-diagnosis = Diagnose
vocab-manual = Handbuch
vocab-tutorial = Tutorial
vocab-specification = Spezifikation
vocab-documentation = Dokumentation
vocab-part_of = Teil von
vocab-applies_to = gilt für
vocab-implements = setzt um
vocab-references = verweist auf
vocab-alternative_to = Alternative zu
vocab-made_of = besteht aus
vocab-compatible_with = kompatibel mit
vocab-uses = verwendet
vocab-replaces = ersetzt
vocab-unidirectional = eine Richtung
vocab-bidirectional = beide Richtungen
vocab-info = Hinweis
vocab-caution = Vorsicht
vocab-warning = Warnung
vocab-danger = Gefahr
vocab-thing = Ding
vocab-story = Geschichte
vocab-guide = Anleitung
vocab-relationship = Beziehung
vocab-mm = mm
vocab-cm = cm
vocab-m = m
vocab-in = Zoll

problem-required = Dieses Feld ist erforderlich.
problem-unknown_field = Dieses Feld gehört nicht zum Schema.
problem-wrong_type = Erwartet: { $expected }.
problem-empty = Darf nicht leer sein.
problem-too_long = Höchstens { $max } Zeichen.
problem-too_many = Höchstens { $max } Einträge.
problem-out_of_range = Muss zwischen { $min } und { $max } liegen.
problem-invalid_language_tag = „{ $value }“ ist kein Sprachkürzel wie de oder pt-BR.
problem-invalid_url = Muss eine Webadresse sein, die mit http:// oder https:// beginnt.
problem-invalid_email = Muss eine E-Mail-Adresse sein.
problem-invalid_date = Muss ein Datum sein: JJJJ, JJJJ-MM oder JJJJ-MM-TT.
problem-invalid_id = Muss die ID eines Objekts sein.
problem-invalid_identifier = Nur Kleinbuchstaben, Ziffern und : / . _ -, beginnend mit „thing:“.
problem-not_in_vocabulary = Muss eines davon sein: { $allowed }.
problem-one_of_required = Gib entweder ein Ding oder eine Kategorie an.
problem-mutually_exclusive = Gib ein Ding oder eine Kategorie an, nicht beides.
problem-not_found = Es gibt kein Objekt ({ $kind }) mit dieser ID.
problem-type_mismatch = Diese ID gehört zu: { $actual }, nicht zu: { $expected }.
problem-self_relationship = Ein Objekt kann nicht mit sich selbst in Beziehung stehen.
problem-duplicate_relationship = Diese Beziehung gibt es schon.
problem-duplicate_order = Die Schrittnummer { $order } kommt mehrfach vor.
problem-duplicate_language = Die Sprache { $value } kommt mehrfach vor.
problem-too_deep = Tiefer als { $max } Ebenen verschachtelt.
