# ThingData user interface, Italian. Keep in step with en/main.ftl (a test checks).

skip-to-content = Vai al contenuto
nav-label = Navigazione principale
nav-things = Oggetti
nav-stories = Storie
nav-guides = Guide
nav-relationships = Relazioni
nav-api = API
language-label = Lingua
language-apply = Cambia
footer-text = ThingData — conoscenze aperte e federate sulle riparazioni.
footer-licence = I contenuti di questo sito possono essere riutilizzati secondo la licenza
footer-nav-label = Informazioni su questo sito
nav-menu = Menu
nav-help = Aiuto
nav-about = Informazioni
loading = Caricamento…
date-time = { $day } { $month } { $year }, { $time } UTC
month-1 = gen
month-2 = feb
month-3 = mar
month-4 = apr
month-5 = mag
month-6 = giu
month-7 = lug
month-8 = ago
month-9 = set
month-10 = ott
month-11 = nov
month-12 = dic
load-error = Non è stato possibile caricare questa pagina. Riprova tra un momento.
none = nessuno
not-found-title = Pagina non trovata
not-found-text = A questo indirizzo non c'è nulla. Forse è stato eliminato.
back-home = Torna alla pagina iniziale
fallback-note = (non tradotto; mostrato nella lingua originale)

kind-thing = Oggetto
kind-story = Storia
kind-guide = Guida
kind-relationship = Relazione
kind-thing-plural = Oggetti
kind-story-plural = Storie
kind-guide-plural = Guide
kind-relationship-plural = Relazioni

action-create-thing = Aggiungi un oggetto
action-create-story = Racconta una storia di riparazione
action-create-guide = Aggiungi una guida
action-create-relationship = Aggiungi una relazione
action-edit = Modifica
action-history = Cronologia
action-delete = Elimina
action-save = Salva
action-cancel = Annulla

home-title = Conoscenze di riparazione, condivise
home-intro = ThingData raccoglie il sapere che serve a far durare gli oggetti: gli oggetti stessi, le storie di riparazione, le guide e i collegamenti tra tutto questo. Sfoglia, cerca con i filtri e contribuisci nella tua lingua.
home-counts = Su questa istanza
home-revisions = revisioni
home-instance = Indirizzo dell'istanza: { $url }
home-recent = Ultime modifiche
home-empty = Qui non c'è ancora nulla.
home-contribute = Contribuisci

api-title = API JSON
api-intro = Ogni pagina ha un equivalente nell'API JSON. La descrizione leggibile dalle macchine è
api-endpoints = Endpoint
api-method = Metodo
api-path = Percorso
api-summary = Cosa fa

filters-label = Filtri
filter-any = qualsiasi
filter-apply = Applica i filtri
filter-reset = Azzera
list-empty = Nessun risultato con questi filtri.
pagination-label = Pagine
pagination-prev = Pagina precedente
pagination-next = Pagina successiva
pagination-status = Pagina { $page } di { $pages } ({ $total } in tutto)

notice-saved = Salvato.
notice-deleted = Eliminazione completata. La cronologia viene conservata.
notice-stale = Qualcun altro ha modificato questa voce da quando l'hai aperta. Le tue modifiche sono ancora qui sotto: controlla la versione attuale e salva di nuovo per applicarle sopra di essa.
notice-gone = Questa voce è stata eliminata mentre la stavi modificando. Le tue modifiche sono ancora qui sotto.

entity-actions = Azioni
byline-written = Scritto da
byline-changed = ultima modifica di
byline-at = su { $instance }
entry-licence = Puoi copiare, modificare e condividere questa voce secondo la licenza
entry-licence-authors = I suoi autori sono elencati nella cronologia.
meta-created = Creazione:
meta-updated = ultimo aggiornamento:
meta-uri = Indirizzo globale:
meta-revision = Revisione
rel-outgoing = { $type } →
rel-incoming = ← { $type } questa voce
rel-details = (dettagli)
deleted-thing = (oggetto eliminato)

field-type = Tipo
field-name = Nome
field-description = Descrizione
field-identifier = Identificatore
field-manufacturer = Produttore
field-manufacturer-name = Nome del produttore
field-website = Sito web
field-contact = Email di contatto
field-properties = Proprietà
field-materials = Materiali
field-dimensions = Dimensioni
field-width = Larghezza
field-height = Altezza
field-depth = Profondità
field-unit = Unità
field-manufacturing-date = Data di produzione
field-serial-number = Numero di serie
field-title = Titolo
field-summary = Riepilogo
field-applies-to = Si applica a
field-thing-id = Oggetto
field-category = Categoria
field-thing-category = Oggetto o categoria
field-subcategory = Sottocategoria
field-attributes = Attributi
field-procedure = Procedura
field-guide-primary = Tipo di guida
field-guide-secondary = Scopo
field-requirements = Requisiti
field-skills = Competenze
field-tools = Attrezzi
field-certifications = Certificazioni
field-warnings = Avvertenze
field-severity = Gravità
field-message = Messaggio
field-source = Da
field-source-type = Tipo di origine
field-source-id = Origine
field-target = A
field-target-type = Tipo di destinazione
field-target-id = Destinazione
field-relationship-type = Relazione
field-direction = Direzione
field-metadata = Metadati

hint-identifier = Facoltativo, ad es. thing:appliance/acme/cm-200
hint-date = AAAA, AAAA-MM o AAAA-MM-GG
hint-applies-to = Indica un solo oggetto oppure una categoria di oggetti.
picker-hint = Scrivi una parte del nome, in qualsiasi lingua, poi sceglilo tra i risultati.
picker-find = Cerca
picker-choose = Scegli { $name }
picker-chosen = Scelta:
picker-remove = Rimuovi la scelta
hint-key-value = Una per riga: chiave=valore
one-per-line = Uno per riga

form-new-title = { $kind ->
    [Oggetto] Nuovo oggetto
    [Storia] Nuova storia di riparazione
    [Guida] Nuova guida
    [Relazione] Nuova relazione
   *[other] Nuova voce ({ $kind })
}
form-edit-title = { $kind ->
    [Oggetto] Modifica oggetto
    [Storia] Modifica storia di riparazione
    [Guida] Modifica guida
    [Relazione] Modifica relazione
   *[other] Modifica voce ({ $kind })
}
form-problems = { $count ->
    [one] C'è un problema da correggere
   *[other] Ci sono { $count } problemi da correggere
}
select-none = — scegli —
localized-default = Testo originale
localized-language = Codice della lingua
localized-language-hint = BCP 47, ad es. de, es, pt-BR
localized-text = Traduzione
localized-add = Aggiungi una traduzione ({ $field })
form-written-in = Scritto in
form-written-in-hint = La lingua in cui scrivi i testi di questa voce. Le traduzioni in altre lingue vanno sotto ogni testo.
field-lang = Lingua dell’originale
step-heading = Passaggio { $number }
step-description = Cosa fare
step-warning = Avvertenza
step-warnings = Avvertenze
step-warning-add = Aggiungi un'avvertenza
step-warning-remove = Rimuovi questa avvertenza
step-tools = Attrezzi
media-missing = Una foto non ancora arrivata dalla sua istanza
media-document = Documento
media-view = Foto
media-original = Originale
media-previous = ← Precedente
media-close = Chiudi
media-next = Successiva →
media-number = Foto { $number }
media-alt = Descrizione per chi non può vedere la foto (testo alternativo)
media-caption = Didascalia
media-remove = Rimuovi la foto
media-heading = Foto e documenti
media-marker-shape = Segno
media-marker-x = Orizzontale (0 = sinistra, 1 = destra)
media-marker-y = Verticale (0 = alto, 1 = basso)
media-marker-x2 = La freccia punta a: orizzontale
media-marker-y2 = La freccia punta a: verticale
media-marker-r = Raggio del cerchio (parte della larghezza)
media-marker-label = Etichetta
media-marker-remove = Rimuovi il segno
media-marker-add = Aggiungi un segno
media-marker-hint = I segni sono disegnati sopra la foto e restano nitidi; i punti sono numerati in ordine e le loro etichette elencate sotto la foto.
media-marker-place = Fai clic sulla foto per collocare il segno che stai modificando; una freccia richiede due clic: la coda e poi la punta.
media-marker-place-first = Aggiungi un segno, poi fai clic sulla foto per collocarlo.
vocab-arrow = Freccia
vocab-circle = Cerchio
vocab-point = Punto numerato
media-add-heading = Aggiungi foto o documenti
media-add-target = Allega a
media-add-entry = L’intera voce
media-add-keep-time = Conserva quando è stata scattata la foto
media-add-files = File
media-add-hint = JPEG, PNG, WebP, GIF o PDF, fino a { $max } ciascuno. Le foto vengono raddrizzate e salvate di nuovo: posizione (GPS), dati della fotocamera e tutti gli altri metadati vengono rimossi.
media-add-room = Puoi caricare ancora { $left }.
media-add-room-none = Hai usato tutto lo spazio per i tuoi caricamenti; un amministratore può dartene di più.
media-add-submit = Carica
media-add-sending = Invio in corso…
media-add-failed = Il caricamento non è riuscito; controlla la connessione e riprova.
notice-media-added = { $count ->
    [one] Un file aggiunto.
   *[other] { $count } file aggiunti.
}
media-error-no_file = Scegli almeno un file.
media-error-empty_file = Il file è vuoto.
media-error-file_too_large = Il file supera la dimensione accettata da questa istanza (25 MB salvo diversa impostazione).
media-error-unsupported_type = Non è una foto (JPEG, PNG, WebP, GIF) né un PDF, qualunque cosa dica il nome.
media-error-polyglot = Il file nasconde un secondo file di altro tipo; carica la foto o il documento da solo.
media-error-too_many_pixels = L’immagine ha più pixel di quanti ne accetti questa istanza.
media-error-too_many_frames = L’animazione ha troppi fotogrammi.
media-error-too_much_memory = L’immagine richiede più memoria di quanta ne consenta questa istanza.
media-error-damaged_file = Il file è danneggiato o troncato.
media-error-user_quota = Il tuo spazio per foto e documenti è pieno.
media-error-instance_quota = Lo spazio di questa istanza per foto e documenti è pieno; chiedi a un amministratore.
media-error-too_many_files = Al massimo 20 file alla volta.
media-error-invalid = La voce non può accogliere questi file (troppi, o il passaggio non c’è più).
media-error-changed = La voce è cambiata nel frattempo; riprova.
media-error-internal = Non è stato possibile salvare i file; riprova più tardi.
step-add = Aggiungi un passaggio
step-up = Sposta su
step-down = Sposta giù
step-remove = Rimuovi passaggio
step-up-label = Sposta su (passaggio { $number })
step-down-label = Sposta giù (passaggio { $number })
step-remove-label = Rimuovi il passaggio { $number }

history-title = Cronologia di { $label }
history-back = Torna alla versione attuale
history-deleted = Questa voce è stata eliminata; la sua cronologia viene conservata.
author-anonymous = qualcuno senza account
history-by = di { $author } su { $instance }
history-changed = Campi modificati
history-whole = l'intera voce

delete-title = Eliminare { $label }?
delete-explain = { $kind ->
    [Oggetto] L'oggetto verrà rimosso da questa istanza.
    [Storia] La storia di riparazione verrà rimossa da questa istanza.
    [Guida] La guida verrà rimossa da questa istanza.
    [Relazione] La relazione verrà rimossa da questa istanza.
   *[other] La voce ({ $kind }) verrà rimossa da questa istanza.
} La cronologia viene conservata e mostra l'eliminazione.
delete-relationships = { $count ->
    [one] Insieme alla voce viene eliminata anche la sua unica relazione.
   *[other] Insieme alla voce vengono eliminate anche le sue { $count } relazioni.
}
delete-confirm = Sì, elimina
value-yes = sì
value-no = no
delete-error-confirm = Spunta la casella per confermare l'eliminazione.
delete-error-stale = Nel frattempo qualcun altro ha modificato questa voce. Ricontrollala prima di eliminarla.

vocab-op-create = Creazione
vocab-op-update = Modifica
vocab-op-delete = Eliminazione
vocab-op-revert = Ritorno a una versione precedente
vocab-op-restore = Ripristino dopo l'eliminazione
vocab-device = Dispositivo
vocab-component = Componente
vocab-material = Materiale
vocab-tool = Attrezzo
vocab-repair = Riparazione
vocab-maintenance = Manutenzione
vocab-modification = Modifica
vocab-diagnosis = Diagnosi
vocab-manual = Manuale
vocab-tutorial = Tutorial
vocab-specification = Specifica tecnica
vocab-documentation = Documentazione
vocab-part_of = parte di
vocab-applies_to = si applica a
vocab-implements = implementa
vocab-references = fa riferimento a
vocab-alternative_to = alternativa a
vocab-made_of = fatto di
vocab-compatible_with = compatibile con
vocab-uses = usa
vocab-replaces = sostituisce
vocab-inverse-part_of = ha come parte
vocab-inverse-applies_to = trattato in
vocab-inverse-implements = implementato da
vocab-inverse-references = citato da
vocab-inverse-alternative_to = alternativa a
vocab-inverse-made_of = materiale di
vocab-inverse-compatible_with = compatibile con
vocab-inverse-uses = usato da
vocab-inverse-replaces = sostituito da
vocab-unidirectional = in un solo senso
vocab-bidirectional = in entrambi i sensi
vocab-info = Informazione
vocab-caution = Attenzione
vocab-warning = Avvertenza
vocab-danger = Pericolo
vocab-thing = Oggetto
vocab-story = Storia
vocab-guide = Guida
vocab-relationship = Relazione
vocab-mm = mm
vocab-cm = cm
vocab-m = m
vocab-in = pollici

problem-required = Questo campo è obbligatorio.
problem-no_match = Nessuna voce di questo tipo si chiama «{ $query }». Prova con un altro nome, o con una parte del nome.
problem-pick_one = Più voci corrispondono a «{ $query }»: scegline una qui sotto.
problem-unknown_field = Questo campo non fa parte dello schema.
problem-wrong_type = Valore atteso: { $expected }.
problem-empty = Non può essere vuoto.
problem-control_character = Non può contenere caratteri di controllo come NUL.
problem-too_long = Al massimo { $max } caratteri.
problem-too_many = Al massimo { $max } elementi.
problem-out_of_range = Deve essere compreso tra { $min } e { $max }.
problem-invalid_language_tag = «{ $value }» non è un codice di lingua come de o pt-BR.
problem-invalid_url = Deve essere un indirizzo web che inizia con http:// o https://.
problem-invalid_email = Deve essere un indirizzo email.
problem-invalid_date = Deve essere una data: AAAA, AAAA-MM o AAAA-MM-GG.
problem-invalid_id = Deve essere l'ID di una voce.
problem-invalid_identifier = Usa solo lettere minuscole, cifre e : / . _ -, e inizia con «thing:».
problem-invalid_media_id = Deve essere l’identificativo di un file multimediale: 64 cifre esadecimali.
problem-unknown_media = Qui non è archiviato alcun file multimediale con questo identificativo; caricalo prima.
problem-not_in_vocabulary = Deve essere uno di questi valori: { $allowed }.
problem-one_of_required = Indica un oggetto oppure una categoria.
problem-mutually_exclusive = Indica un oggetto o una categoria, non entrambi.
problem-not_found = { $kind ->
    [thing] Non esiste nessun oggetto con questo ID.
    [story] Non esiste nessuna storia di riparazione con questo ID.
    [guide] Non esiste nessuna guida con questo ID.
    [relationship] Non esiste nessuna relazione con questo ID.
   *[other] Non esiste nessuna voce ({ $kind }) con questo ID.
}
problem-type_mismatch = Questo ID appartiene a { $actual ->
    [thing] un oggetto
    [story] una storia di riparazione
    [guide] una guida
    [relationship] una relazione
   *[other] { $actual }
}, non a { $expected ->
    [thing] un oggetto
    [story] una storia di riparazione
    [guide] una guida
    [relationship] una relazione
   *[other] { $expected }
}.
problem-self_relationship = Una voce non può essere in relazione con sé stessa.
problem-duplicate_relationship = Questa relazione esiste già.
problem-duplicate_order = La posizione { $order } è usata da più di un passaggio.
problem-duplicate_language = La lingua { $value } compare più di una volta.
problem-too_deep = Annidamento oltre { $max } livelli.
problem-revert_to_deletion = Non si può tornare a un'eliminazione: scegli una versione precedente.

history-caption = Tutte le revisioni, dalla più recente. Scegline due da confrontare.
history-from = Da
history-to = A
history-from-label = Confronta dalla revisione { $revision }
history-to-label = Confronta con la revisione { $revision }
history-revision = Revisione
history-actions = Azioni
history-current = attuale
action-compare = Confronta le revisioni selezionate
action-revert = Ripristina questa versione
notice-reverted = Fatto: la versione precedente è di nuovo quella attuale, salvata come nuova revisione.
revert-error-stale = Nel frattempo la voce è cambiata; ricontrolla la cronologia prima di ripristinare.
revert-error-invalid = Quella versione non è più valida qui (per esempio, qualcosa a cui fa riferimento è stato eliminato).
revert-error-gone = Quella revisione non esiste.
diff-title = Modifiche a { $label }
diff-back = Torna alla cronologia
diff-none = Queste due revisioni hanno lo stesso contenuto.
diff-field = Campo
diff-change = Modifica
diff-before = Prima
diff-after = Dopo
diff-added = aggiunto
diff-removed = rimosso
diff-changed = modificato
diff-moved = spostato

nav-conflicts = Conflitti
notice-merged = Salvato: la tua modifica è stata unita a una modifica fatta nel frattempo da qualcun altro.
notice-resolved = Conflitto risolto.
notice-conflict = La tua modifica cambia gli stessi campi di una modifica fatta nel frattempo, quindi non è stato possibile unirle. Non si perde nulla: viene conservata come conflitto, che un esperto risolverà.
notice-open-conflict = Ci sono modifiche simultanee a questa voce in attesa di un esperto.
conflict-open-link = Apri il conflitto
conflicts-title = Conflitti
conflicts-intro = Modifiche simultanee che hanno toccato gli stessi campi. Per ogni campo, scegli quale versione tenere o scrivi un valore combinato.
conflicts-none = Nessun conflitto aperto.
conflicts-entity = Voce
conflicts-since = Aperto dal
conflicts-fields = Campi in conflitto
conflict-title = Conflitto su { $label }
conflict-explain = Per ogni campo, scegli la versione da tenere o scrivi un valore combinato. La risoluzione crea una nuova revisione che unisce entrambe le modifiche; la cronologia conserva tutto.
conflict-ours = Modifica successiva
conflict-theirs = Modifica precedente
conflict-base = Prima di entrambe
conflict-custom = Valore combinato
conflict-custom-value = Valore combinato per questo campo
conflict-absent = (rimosso)
conflict-whole = l'intera voce (eliminata da una delle due parti)
conflict-closed = Questo conflitto è chiuso.
conflict-error-invalid = Il risultato non è valido; controlla i valori combinati.
conflict-error-custom = Un valore combinato non è JSON valido.
conflict-error-closed = Qualcuno ha già risolto questo conflitto.
action-resolve = Risolvi
problem-revision_id_mismatch = L'ID della revisione non corrisponde al suo contenuto.
problem-revision_parent_missing = Una delle revisioni da cui deriva questa revisione non è nota qui.
problem-revision_uri_mismatch = L'indirizzo della nuova voce non indica l'istanza che l'ha creata.
history-parents = Basata su { $revisions }
history-merge = Unione automatica di { $revisions }
history-resolution = Unisce { $revisions }
history-preferred = Conflitto tra { $revisions } risolto a favore dell'istanza preferita
problem-invalid_username = Da 3 a 40 caratteri: lettere minuscole, cifre, «.», «_» o «-».
problem-password_too_short = Almeno { $min } caratteri.
problem-passwords_differ = Le due password non coincidono.
problem-username_taken = Questo nome utente è già in uso.
problem-invalid_invite = Questo codice d'invito è sconosciuto o è già stato usato.
problem-wrong_password = Questa non è la tua password attuale.
nav-login = Accedi
nav-register = Registrati
nav-account = Accesso come { $name }
action-logout = Esci
login-title = Accedi
login-username = Nome utente
login-password = Password
login-submit = Accedi
login-error = Nome utente o password errati, oppure l'account è disattivato.
login-draft-kept = Per salvare serve un account, così ogni modifica ha un autore nella cronologia. La tua modifica è conservata: accedi e tornerai al modulo con tutto ciò che hai scritto, pronto da salvare.
login-no-account = Non hai ancora un account?
register-title = Crea un account
register-email = Email
register-password-again = Ripeti la password
register-password-hint = Almeno 10 caratteri.
register-submit = Crea account
account-title = Il tuo account
account-welcome = Ti diamo il benvenuto! Il tuo account è pronto.
account-role = Ruolo
account-contributions = I tuoi contributi
account-none = Non hai ancora modificato nulla.
account-signed-out = Accedi per vedere il tuo account.
vocab-member = Membro
vocab-expert = Esperto
vocab-moderator = Moderatore
vocab-admin = Amministratore
notice-forbidden = Il tuo ruolo non ti consente di salvare questa modifica. La tua modifica è conservata qui sotto.
conflict-error-forbidden = Per risolvere i conflitti serve il ruolo di esperto.
revert-error-forbidden = Il tuo ruolo non ti consente di ripristinare versioni precedenti.
delete-error-forbidden = Per eliminare serve il ruolo di moderatore.
admin-users-title = Utenti e ruoli
admin-users-since = Membro dal
admin-users-disabled = Disattivato
admin-users-error = Impossibile salvare: utente o ruolo sconosciuto.
admin-only = Questa pagina è riservata agli amministratori.
nav-admin = Amministrazione
admin-nav = Pagine di amministrazione
admin-users-pending = in attesa di approvazione
admin-users-approve = Approva
admin-invite-title = Inviti
admin-invite-text = Quando la registrazione è solo su invito, le persone si iscrivono con un codice. Ogni codice si può usare una sola volta.
admin-invite-submit = Crea un codice d'invito
admin-invite-created = Nuovo codice d'invito (viene mostrato solo ora):
admin-settings-title = Impostazioni dell'istanza
admin-settings-name = Nome
admin-settings-description = Descrizione
admin-settings-contact = Contatto
admin-settings-contact-hint = Un indirizzo email o una pagina web con cui raggiungere chi gestisce questa istanza. Viene mostrato nella pagina Informazioni.
admin-settings-licence = Licenza dei contenuti
admin-settings-licence-hint = Tutto ciò che le persone scrivono qui viene pubblicato con questa licenza. È indicata nel piè di pagina e in ogni voce; le altre istanze copiano le voci secondo questa licenza.
admin-settings-languages = Lingue
admin-settings-languages-hint = Codici delle lingue in cui lavora la comunità, separati da virgole, ad es. en, de, fr.
admin-settings-registration = Chi può creare un account
admin-settings-private = Istanza privata: solo chi ha effettuato l'accesso può leggere
admin-settings-private-peers = La federazione può collegarsi a istanze partner su indirizzi privati e di loopback (solo per reti locali)
registration-open = Chiunque (registrazione aperta)
registration-approval = Chiunque, dopo l'approvazione di un amministratore
registration-invite = Solo chi ha un codice d'invito
admin-audit-title = Registro di controllo
admin-audit-action = Evento
admin-audit-actor = Eseguito da
admin-audit-target = Riguarda
admin-audit-when = Quando
admin-audit-detail = Dettagli
admin-audit-ip = Indirizzo
setup-title = Configura questa istanza
setup-intro = Non esiste ancora nessun amministratore. Crea il primo account di amministratore; questa pagina si chiude non appena esiste.
setup-submit = Crea amministratore
setup-closed = Questa istanza è già configurata.
setup-done = Ti diamo il benvenuto! L'amministratore sei tu. Qui puoi dare un nome e una descrizione alla tua istanza.
register-approval = I nuovi account vengono controllati da un amministratore prima di poter accedere.
register-invite-only = Per creare un account qui ti serve un codice d'invito.
register-invite = Codice d'invito
login-pending = Il tuo account è in attesa dell'approvazione di un amministratore.
login-pending-notice = Grazie per la registrazione. Un amministratore approverà il tuo account; dopo potrai accedere.
login-locked = Troppi accessi non riusciti. Questo account è bloccato; riprova tra { $seconds } secondi.
limit-title = Troppi tentativi
limit-retry = Attendi { $seconds } secondi e riprova.
bad-input-title = Impossibile leggere questa richiesta
bad-input-control = Contiene caratteri di controllo (come NUL) che nessun indirizzo o campo accetta. Torna indietro e rimuovili.
bad-input-undecodable = Il suo indirizzo contiene byte che non sono testo UTF-8 valido.
account-language = Lingua preferita
account-language-browser = Quella indicata dal browser
account-language-error = Questa lingua non è disponibile.
account-password = Cambia password
account-password-current = Password attuale
account-password-new = Nuova password
account-password-submit = Cambia password
account-password-saved = La tua password è stata cambiata.
hidden-title = Voce nascosta
hidden-text = I moderatori hanno nascosto questa voce. Viene conservata, con la sua cronologia, perché possano esaminarla.
hidden-reason = Motivo:
hidden-by = Nascosta da { $name }
action-hide = Nascondi ai lettori
action-unhide = Mostra di nuovo
hide-reason = Perché nasconderla?
hide-error-reason = Indica un motivo per nascondere la voce.
notice-hidden = Ora la voce è nascosta ai lettori.
notice-unhidden = La voce è di nuovo visibile.
hide-error-stale = Nel frattempo la voce è cambiata o non esiste più; ricontrolla e riprova.
nav-users = Utenti
search-site-label = Cerca in questo sito
search-title = Ricerca
search-label = Cerca
search-placeholder = Cerca riparazioni, oggetti, guide…
search-submit = Cerca
search-sort = Ordine
search-sort-relevance = Più pertinenti
search-sort-recent = Più recenti
search-facets = Restringi i risultati
search-results = Risultati
search-clear = Rimuovi tutti i filtri
search-count = { $count ->
    [one] Un risultato
   *[other] { $count } risultati
}
search-empty = Nessun risultato. Prova con altre parole, con meno parole o con meno filtri.
search-relaxed = Nessuna voce contiene tutte le tue parole; queste ne contengono alcune.
search-corrected = Risultati per
search-filters = Filtri
search-filters-chosen = { $count ->
    [one] { $count } selezionato
   *[other] { $count } selezionati
}
search-rebuilding = L'indice di ricerca è in fase di ricostruzione; per qualche minuto alcune voci potrebbero mancare.
search-error-unclosed-quote = Ci sono virgolette non chiuse. Chiudile, oppure toglile per cercare le parole una per una.
search-error-query-too-long = La ricerca è troppo lunga. Usa al massimo 500 caratteri.
search-error-too-many-terms = La ricerca contiene troppe parole. Usane al massimo 32.
search-error-dangling-or = OR richiede una parola o una frase da entrambi i lati, come in: pompa OR motore.
search-error-dangling-minus = Il segno meno esclude la parola che lo segue subito, come in: pompa -bollitore.
search-error-bad-parameter = Questo link di ricerca contiene un filtro o un'impostazione che il sito non riconosce. Inizia una nuova ricerca.
search-error-unavailable = La ricerca non è disponibile al momento. Riprova tra un momento.
facet-kind = Tipo di voce
facet-thing-type = Tipo di oggetto
facet-story-type = Tipo di storia
facet-guide-type = Tipo di guida
facet-category = Categoria
facet-manufacturer = Produttore
facet-material = Materiale
facet-tool = Attrezzo
facet-tag = Etichetta
facet-language = Disponibile in
facet-origin = Istanza d'origine
related-knowledge = Conoscenze correlate
search-applies-to = Tutte le storie e le guide per questo oggetto, le sue parti e la sua categoria
search-related = Tutto ciò che è collegato entro due livelli

## Federazione
nav-moderation = Moderazione
federation-title = Federazione
federation-connect = Collegati a un'altra istanza
federation-connect-text = Inserisci l'indirizzo di un'altra istanza di ThingData. Questa istanza ne recupera la descrizione e le invia una richiesta di collegamento, che i suoi amministratori accettano o rifiutano.
federation-url = Indirizzo
federation-connect-submit = Invia la richiesta di collegamento
federation-peers = Istanze partner
federation-none = Ancora nessuna istanza partner.
federation-peer = Istanza
federation-state = Collegamento
federation-trust = Fiducia
federation-last-contact = Ultimo contatto
federation-exchanged = Revisioni
federation-in = ricevute
federation-out = inviate
federation-key = Chiave
federation-actor = Documento dell'attore
federation-accept = Accetta
federation-refuse = Rifiuta
federation-disconnect = Scollega
federation-me = Questa istanza
federation-me-text = Le altre istanze si collegano a questo indirizzo; vedono questa chiave su ogni revisione fatta qui.
federation-state-requested = richiesta inviata, in attesa di risposta
federation-state-pending = chiede di collegarsi
federation-state-connected = collegata
federation-state-refused = rifiutata
federation-state-blocked = bloccata
federation-state-undelivered = richiesta non consegnata
federation-retry = Invia di nuovo la richiesta
provenance-label = Da dove proviene questa voce
provenance-origin = Condivisa da { $instance }.
provenance-origin-link = Guardala sull'istanza d'origine ({ $url })
provenance-delivered = La versione attuale è stata ricevuta da { $instance }:
provenance-trust-untrusted = accettata da un esperto dopo una verifica
provenance-trust-verified = da un'istanza partner verificata
provenance-trust-trusted = da un'istanza partner attendibile
provenance-trust-preferred = da un'istanza partner preferita
provenance-trust-blocked = da un'istanza partner ora bloccata
federation-capabilities = Supporta:
federation-trust-untrusted = non attendibile: gli esperti verificano ciò che invia
federation-trust-verified = verificata: le sue modifiche vengono accettate e contrassegnate
federation-trust-trusted = attendibile: le sue modifiche vengono accettate come quelle locali
federation-trust-preferred = preferita: attendibile, e la sua versione prevale nei conflitti automatici
federation-trust-blocked = bloccata: non si scambia nulla
federation-error-url = Questo indirizzo non è valido. Usa l'indirizzo dell'istanza, per esempio https://repair.example.
federation-error-yourself = Questo è l'indirizzo di questa istanza.
federation-error-not-instance = A questo indirizzo non c'è nulla che si presenti come un'istanza di ThingData.
federation-error-private = Questo indirizzo si trova su una rete privata o locale. Un amministratore può consentire istanze partner di questo tipo nelle impostazioni dell'istanza.
federation-error-unreachable = Non è stato possibile raggiungere l'istanza.
federation-error-not-delivered = L'altra istanza non ha accettato la richiesta di collegamento. La sua risposta è qui sotto: controlla l'indirizzo, o chiedi ai suoi amministratori se accetta richieste da questa istanza, poi inviala di nuovo.
federation-error-blocked = Questa istanza ha bloccato quell'istanza partner.
federation-error-state = Non è possibile nello stato attuale dell'istanza partner.
moderation-title = Coda di moderazione
moderation-intro = Le modifiche provenienti da istanze non ancora attendibili restano qui finché un esperto non le accetta o le rifiuta. Le modifiche accettate vengono pubblicate come quelle locali.
moderation-none = Nulla in attesa di verifica.
moderation-from = Ricevuta da
moderation-received = Ricevuta il
moderation-author = di
moderation-accept = Accetta
moderation-reject = Rifiuta
moderation-experts-only = Solo esperti, moderatori e amministratori verificano le modifiche provenienti da altre istanze.
moderation-op-create = creazione
moderation-op-update = modifica
moderation-op-delete = eliminazione
moderation-changes-known = Cosa cambia rispetto alla versione presente qui
moderation-changes-new = Il suo contenuto: la voce è nuova qui
moderation-here = Versione attuale qui
moderation-theirs = In questa modifica
moderation-no-changes = Non cambia nulla nel contenuto.

# Eventi del registro di controllo, per codice.
audit-conflict-resolve = Conflitto risolto
audit-entity-delete = Voce eliminata
audit-entity-hide = Voce nascosta
audit-entity-unhide = Voce resa di nuovo visibile
audit-instance-key = Chiave dell'istanza creata
audit-invite-create = Invito creato
audit-login-failure = Accesso non riuscito
audit-login-locked = Account bloccato dopo accessi non riusciti
audit-login-success = Accesso effettuato
audit-secret-key = Chiave segreta creata
audit-settings-change = Impostazioni dell'istanza modificate
audit-setup-admin = Primo amministratore creato
audit-token-create = Token API creato
audit-user-approve = Account approvato
audit-user-disable = Account disattivato
audit-user-enable = Account riattivato
audit-user-password = Password cambiata
audit-user-register = Account registrato
audit-user-role = Ruolo cambiato
audit-federation-accept = Revisione trattenuta pubblicata
audit-federation-reject = Revisione trattenuta rifiutata
audit-keys-rotate = Chiave dell'istanza sostituita
audit-peer-accept = Collegamento accettato
audit-peer-refuse = Collegamento rifiutato o terminato
audit-peer-request = Collegamento richiesto
audit-peer-trust = Fiducia in un'istanza partner cambiata

about-title = Informazioni su { $name }
about-contact = Contatto
about-address = Indirizzo
about-licence = Licenza dei contenuti
about-languages = Lingue della sua comunità
about-registration = Chi può iscriversi
about-licence-heading = Usare ciò che trovi qui
about-licence-text = Tutto ciò che le persone scrivono qui viene pubblicato con licenza { $licence }. Puoi copiarlo, modificarlo e condividerlo, anche su altri siti, purché indichi da dove proviene; la cronologia di ogni voce ne elenca gli autori.
about-federation = Condivisione con altre istanze
about-federation-text = Questo sito è una delle tante istanze indipendenti di ThingData gestite da repair café, centri del riuso e team di assistenza tecnica. Le istanze che hanno accettato di collegarsi si scambiano le voci: ogni modifica è una revisione firmata, quindi ogni copia può essere verificata rispetto all'istanza da cui proviene, e ogni voce indica dove è stata scritta. Quanta fiducia accordare a un'altra istanza lo decidono gli amministratori di questo sito: le modifiche provenienti da istanze non ancora attendibili attendono la verifica di un esperto.
about-federation-none = Questa istanza non è ancora collegata a nessun'altra.
about-federation-peers = È collegata a { $count ->
    [one] un'altra istanza:
   *[other] altre { $count } istanze:
}
about-help-link = Aiuto per chi contribuisce, per esperti e per amministratori
about-api-link = L'API per i programmi

help-title = Aiuto
help-intro = Brevi guide per partecipare: scrivere e migliorare le voci, risolvere modifiche in conflitto, verificare e moderare, gestire un'istanza.
help-back = Tutti gli argomenti dell'aiuto
help-for-members = Per chiunque contribuisca
help-for-experts = Per esperti e moderatori
help-for-admins = Per gli amministratori
help-contributing-title = Scrivere e migliorare le voci
help-contributing-summary = Cosa sono oggetti, storie, guide e relazioni, e come aggiungerli e modificarli.
help-contributing-p1 = Un oggetto è un dispositivo, un componente, un materiale o un attrezzo. Una storia di riparazione racconta com'è andata una riparazione: il problema, i passaggi e il risultato. Una guida è una procedura pensata per essere seguita di nuovo, con i suoi requisiti, le avvertenze e i passaggi. Una relazione collega due voci, per esempio un ricambio ai dispositivi su cui si può montare.
help-contributing-p2 = Per aggiungere una voce, scegli Oggetti, Storie o Guide nel menu e poi il pulsante per aggiungerne una; per migliorare una voce, aprila e scegli Modifica. Prima accedi: se al momento di salvare non hai ancora effettuato l'accesso, il sito te lo chiede e conserva ciò che hai scritto, così puoi salvarlo subito dopo.
help-contributing-p3 = Scrivi nella lingua che conosci meglio e indica quale è. Altre persone potranno aggiungere traduzioni nelle loro lingue; ogni testo mostra una nota quando non è ancora tradotto nella lingua di chi legge.
help-contributing-p4 = Se qualcosa nel modulo va corretto, il sito elenca ogni problema in cima al modulo e accanto al campo interessato; nulla di ciò che hai scritto va perso.
help-contributing-p5 = Ogni salvataggio viene conservato come revisione. La Cronologia di ogni voce mostra chi ha cambiato cosa e quando; Confronta mostra le differenze tra due versioni e Ripristina riporta in vigore una versione precedente come nuova revisione, così non si perde mai nulla.
help-conflicts-title = Quando due modifiche si scontrano
help-conflicts-summary = Come vengono unite le modifiche fatte nello stesso momento e come risolvere un conflitto.
help-conflicts-p1 = Due persone, o due istanze, possono modificare la stessa voce nello stesso momento. Se le loro modifiche riguardano campi diversi, vengono conservate entrambe e unite senza che nessuno debba fare nulla.
help-conflicts-p2 = Se invece entrambe hanno cambiato lo stesso campo in modo diverso, la voce mantiene la versione attuale, segnala che c'è un conflitto aperto e il conflitto compare nella pagina Conflitti. Nel frattempo le modifiche agli altri campi vengono comunque salvate.
help-conflicts-p3 = Un esperto apre il conflitto, vede le due versioni di ogni campo conteso e ne sceglie una, oppure scrive una versione che le combina. Salvando la scelta, il conflitto viene risolto con una nuova revisione che registra entrambe le versioni come revisioni di partenza.
help-moderating-title = Verifica e moderazione
help-moderating-summary = Verificare le modifiche provenienti da altre istanze, nascondere ed eliminare voci.
help-moderating-p1 = Gli esperti verificano ciò che inviano le istanze non ancora attendibili: la pagina Moderazione elenca ogni modifica trattenuta, con il suo contenuto e le differenze rispetto alla versione presente qui. Accetta la pubblica; Rifiuta la scarta, insieme alle modifiche trattenute che si basano su di essa.
help-moderating-p2 = I moderatori possono nascondere, indicandone il motivo, una voce che non dovrebbe essere mostrata: chi legge vede solo che è stata nascosta, e perché. Mostra di nuovo la rende di nuovo visibile. I moderatori possono anche eliminare una voce; la sua cronologia resta consultabile e un ripristino dalla cronologia la riporta indietro.
help-moderating-p3 = I moderatori vedono la pagina Utenti, dove possono approvare i nuovi account (se l'istanza richiede l'approvazione) e disattivare gli account che si comportano male. Ogni azione di questo tipo viene annotata nel registro di controllo.
help-administering-title = Gestire un'istanza
help-administering-summary = Impostazioni, persone e ruoli, collegamento ad altre istanze.
help-administering-p1 = Nella sezione Amministrazione, le Impostazioni dell'istanza comprendono il nome e la descrizione che le persone vedono, il contatto mostrato nella pagina Informazioni, la licenza con cui vengono pubblicati i contenuti, le lingue della comunità, chi può registrarsi (chiunque; chiunque dopo un'approvazione; oppure solo con un codice d'invito) e se la lettura è riservata a chi ha effettuato l'accesso.
help-administering-p2 = Utenti elenca tutti gli account: qui puoi assegnare i ruoli (membro, esperto, moderatore, amministratore), approvare o disattivare account e creare codici d'invito. Il registro di controllo annota chi ha fatto cosa e quando.
help-administering-p3 = Federazione collega questa istanza ad altre: inserisci l'indirizzo dell'altra istanza e invia una richiesta; i suoi amministratori la accettano dalla loro parte. Se la richiesta non può essere consegnata, la pagina spiega perché e propone di inviarla di nuovo.
help-administering-p4 = Ogni istanza collegata ha un livello di fiducia. Non attendibile: le sue modifiche attendono un esperto. Verificata: le sue modifiche vengono accettate e contrassegnate come tali. Attendibile: vengono accettate come le modifiche locali. Preferita: come attendibile, e in più la sua versione prevale nei conflitti automatici, dove le regole lo consentono. Bloccata: non si scambia nulla.

person-title = Contributi di { $name }
person-intro = Le modifiche fatte da questa persona su questa istanza, dalla più recente.

## Translation management
outdated-note = (l'originale è cambiato da quando è stato tradotto)
action-translate = Traduci
nav-translate = Traduci
notice-translated = Traduzione salvata.
queue-title = Coda di traduzione
queue-intro = Voci con testi non ancora tradotti in una lingua, o il cui originale è cambiato da quando sono stati tradotti. Le più viste compaiono per prime.
queue-language = Lingua
queue-kind = Tipo di voce
queue-kind-all = Tutti i tipi
queue-sort = Ordine
queue-sort-views = Prima le più viste
queue-sort-searches = Prima le più cercate
queue-show = Mostra
queue-bad-query = Questo filtro non è valido, quindi viene mostrata l'intera coda.
queue-empty = Non resta nulla da tradurre in { $language }.
queue-entry = Voce
queue-views = Visualizzazioni
queue-searches = Ricerche
state-original = Originale
state-missing = Mancante
state-current = Aggiornata
state-outdated = Obsoleta
state-reviewed = Verificata
completeness-title = Completezza delle traduzioni
completeness-intro = Quanti testi sono tradotti in ciascuna lingua dei contenuti, per tipo di voce. I testi scritti in una lingua non contano per quella lingua.
percent = { $n }%
sheet-title = Traduci «{ $label }» in { $language }
sheet-intro = A sinistra c'è l'originale di ogni testo, a destra la sua traduzione. Salvando si registra una sola nuova revisione che modifica solo questa lingua, così altre persone possono tradurre contemporaneamente.
sheet-written-in = Scritto in { $language }: niente da tradurre.
sheet-translation = Traduzione ({ $language })
sheet-original = Originale ({ $language })
sheet-still-matches = La traduzione corrisponde ancora all'originale modificato
sheet-reviewed = Verificata: ho confrontato questa traduzione con l'originale
sheet-changes = Modificato nell'originale dopo la traduzione:
sheet-problems = Non è stato possibile salvare alcune traduzioni; i testi interessati sono segnalati.
sheet-save = Salva le traduzioni

## The API page: each operation in words
api-op-get-entity = Elenca le voci di questo tipo, dalla più recente, con filtri e paginazione
api-op-post-entity = Crea una voce
api-op-get-entity-id = Legge una voce
api-op-put-entity-id = Sostituisce una voce
api-op-patch-entity-id = Modifica alcuni campi di una voce (JSON merge patch)
api-op-delete-entity-id = Elimina una voce e le sue relazioni (la cronologia viene conservata)
api-op-get-entity-id-history = Le revisioni di una voce, dalla meno recente
api-op-get-entity-id-diff = Cosa è cambiato tra due revisioni di una voce
api-op-post-entity-id-revert = Rende di nuovo attuale una revisione precedente
api-op-post-entity-id-hide = Nasconde una voce ai lettori (moderatori)
api-op-post-entity-id-unhide = Mostra di nuovo una voce nascosta (moderatori)
api-op-get-entity-id-relationships = Le relazioni di una voce, in uscita e in entrata
api-op-get-entity-id-graph = Il vicinato di una voce nel grafo della conoscenza, fino a tre passi
api-op-post-preflight = Controlla una voce o un lotto senza salvare nulla
api-op-get-conflicts = Conflitti aperti, dal meno recente
api-op-get-conflicts-id = Un conflitto: la versione comune, le due parti e i campi contesi
api-op-post-conflicts-id-resolve = Risolve un conflitto
api-op-get-federation-peers = Le istanze con cui questa scambia conoscenze (tutti i dettagli per gli amministratori)
api-op-post-federation-peers = Chiede a un'altra istanza di collegarsi (amministratori)
api-op-put-federation-peers-id = Stabilisce quanto è attendibile un'istanza partner (amministratori)
api-op-post-federation-peers-id-accept = Accetta una richiesta di collegamento (amministratori)
api-op-post-federation-peers-id-refuse = Rifiuta una richiesta o chiude un collegamento (amministratori)
api-op-get-federation-held = Revisioni da istanze partner non attendibili in attesa di verifica (esperti)
api-op-post-federation-held-id-accept = Accetta una revisione trattenuta (esperti)
api-op-post-federation-held-id-reject = Rifiuta una revisione trattenuta (esperti)
api-op-get-search = Cerca oggetti, storie e guide, con faccette e filtri sul grafo
api-op-get-search-suggest = Titoli che completano ciò che si sta digitando
api-op-get-translations-queue = Cosa resta da tradurre in una lingua, prima le voci più viste
api-op-get-translations-completeness = Quanto è tradotto, per lingua e tipo di voce
api-op-post-media = Caricare una foto o un documento PDF (membri)
api-op-get-media-hash = Che cos’è un file multimediale e dove sono servite le sue parti
api-op-get-media-hash-part = I byte di un file multimediale: l’originale o una copia più piccola
api-op-get-openapi-json = Il documento OpenAPI di questa API
api-op-get-health = Stato, versione, componenti e dati numerici
api-op-get-metrics = Metriche per Prometheus

graph-heading = Grafo della conoscenza
graph-reach = Portata:
graph-hops = { $count ->
    [one] { $count } passo
   *[other] { $count } passi
}
graph-none = Niente è ancora collegato a questa voce.
graph-hub = { $label } ({ $count } collegamenti)
graph-truncated = Sono mostrate solo le { $count } voci più vicine.
graph-as-list = Il grafo come elenco
nav-explore = Esplora
explore-title = Esplorare il grafo della conoscenza
explore-intro = Parti da una ricerca, da una categoria o da una voce, poi apri le voci per vedere a cosa sono collegate. Ogni vista è un link da condividere.
explore-find = Trova un punto di partenza
explore-start-from = Parti da
explore-entries = Voci mostrate
explore-open = Apri
explore-close = Chiudi
explore-recentre = Parti da qui
explore-unknown = Nessun oggetto, storia o guida ha questo identificativo.
explore-start-in = Inizia in { $category }
explore-category-empty = Ancora nulla è classificato in { $category }.

# Category taxonomy
kind-category = Categoria
kind-category-plural = Categorie
action-create-category = Aggiungi una categoria
vocab-category = Categoria
nav-categories = Categorie
field-categories = Categorie
field-tags = Etichette
hint-tags = Parole libere che aiutano a trovare: un guasto, una tecnica, un pezzo. Si usano le minuscole; i suggerimenti vengono dalle etichette già in uso.
field-tag-n = Etichetta { $n }
field-parents = Categorie superiori
field-synonyms = Altri nomi
field-ords-id = Categoria dell’Open Repair Data Standard
field-wikidata = Elemento Wikidata
hint-wikidata = Q seguita da cifre, per esempio Q11111
problem-invalid_wikidata = Deve essere un elemento Wikidata: Q seguita da cifre.
problem-category_cycle = Una categoria non può essere antenata di sé stessa: { $parent } è già sotto questa.
problem-merge_target = Deve essere un’altra categoria, non unita a sua volta né sotto questa.
problem-invalid_tag = Un’etichetta è fatta di parole minuscole senza virgole né punti e virgola.
problem-not_filed_here = Non è classificato direttamente in questa categoria.
problem-moved_twice = Può passare a una sola nuova categoria.
categories-title = Categorie
categories-intro = Sfoglia per tipo di prodotto. Una categoria conta le voci classificate in essa e in tutte le categorie sottostanti, ogni voce una volta.
categories-none = Ancora nessuna categoria.
categories-count = { $count ->
    [one] 1 voce
   *[other] { $count } voci
}
categories-filed-under = Classificato in:
categories-top = Una categoria di primo livello
categories-children = Sottocategorie
categories-add-child = Aggiungi una sottocategoria
categories-explore = Esplora da qui
categories-search = Cerca in questa categoria
categories-merge-title = Unisci a un’altra categoria
categories-merge-help = Tutto ciò che è classificato qui, e ogni sottocategoria, passa alla categoria scelta. L’indirizzo di questa categoria continua a portare lì.
categories-merge-into = Unisci a
categories-merge-button = Unisci
categories-merged-notice = Unione fatta: { $count } voci e sottocategorie sono passate qui.
categories-merged-into = Questa categoria è stata unita a
categories-merge-error-choose = Scegli la categoria a cui unire.
categories-merge-error-target = Una categoria non può essere unita a sé stessa, a una categoria unita o a una che sta sotto di essa.
categories-merge-error-stale = Una voce è cambiata nel frattempo; ricontrolla e riprova.
split-link = Dividi questa categoria
split-title = Dividi { $name }
split-intro = Dai un nome alle nuove categorie da creare sotto questa e scegli cosa passa in ciascuna. Questa categoria resta il loro gruppo, quindi una guida classificata qui vale ancora per tutto ciò che viene spostato. Lascia un nome vuoto per crearne meno.
split-experts-only = Solo esperti e amministratori dividono le categorie.
split-back = Torna alla categoria
split-new = Nuova categoria { $n }
split-names = Nuove categorie
split-what = Cosa viene spostato
split-nothing = Nulla è classificato direttamente in questa categoria; le nuove categorie partono vuote.
split-entry = Sottocategoria o voce
split-moves-to = Passa a
split-move = Dove va { $name }
split-stay = Resta qui
split-submit = Dividi
split-done = Divisa: { $count } nuove categorie sotto questa.
tags-title = Etichette
tags-intro = Etichette libere su oggetti, storie e guide, le più usate per prime. Sono scritte in minuscolo; un moderatore può rinominarne una ovunque.
tags-find = Etichette che iniziano con
tags-none = Ancora nessuna etichetta.
tags-all = Tutte le etichette
tags-link = Tutte le etichette
tag-title = Etichetta: { $tag }
tag-renamed = Rinominata su { $count } voci; ne restano { $left } (rinomina di nuovo).
tag-rename-error = Indica un’etichetta senza virgole né punti e virgola, e riprova se una voce è cambiata nel frattempo.
tag-rename-title = Rinomina questa etichetta
tag-rename-help = Ogni oggetto, storia e guida con questa etichetta riceve invece la nuova (500 per clic). Rinominare in un’etichetta in uso unisce le due.
tag-rename-to = Nuova etichetta
tag-rename-button = Rinomina
tag-empty = Nulla porta questa etichetta.
tag-search = Cerca con questa etichetta
categories-empty = Qui non è ancora classificato nulla.
categories-see-all = Vedi tutto
categories-chosen = { $count ->
    [one] 1 scelta
   *[other] { $count } scelte
}
unfiled-title = Vecchie categorie da classificare
unfiled-link = Vecchie categorie in attesa di classificazione
unfiled-intro = Voci che hanno ancora una categoria a testo libero (storie e guide) o solo la prima parte del loro identificativo (oggetti), e nessuna categoria della tassonomia. Classifica ogni testo in una categoria: tutte le voci con quel testo vengono classificate insieme e mantengono il loro testo.
unfiled-done = { $count ->
    [one] 1 voce classificata.
   *[other] { $count } voci classificate.
}
unfiled-error-choose = Scegli una categoria in cui classificare queste voci.
unfiled-error-stale = Alcune voci sono cambiate nel frattempo e sono rimaste come erano; ciò che è stato classificato resta classificato. Riprova.
unfiled-none = Ogni voce con una vecchia categoria è classificata nella tassonomia.
unfiled-file-matching = Classifica tutto ciò che corrisponde al nome di una categoria
unfiled-text = Vecchia categoria
unfiled-entries = Voci
unfiled-file-under = Classifica in
unfiled-choose = Scegli una categoria
unfiled-file = Classifica
api-op-get-entity-tree = La tassonomia delle categorie ad albero, con i conteggi
api-op-get-entity-unfiled = Vecchie categorie libere di voci non ancora classificate
api-op-post-entity-unfiled = Classificare in una categoria le voci con una vecchia categoria
api-op-post-entity-id-merge = Unire una categoria a un’altra
api-op-post-entity-id-split = Dividere una categoria in nuove sottocategorie
api-op-get-tags = Etichette in uso, con conteggi e suggerimenti
api-op-post-tags-rename = Rinominare o unire un’etichetta ovunque

# Vocabularies and their terms
kind-term = Termine
kind-term-plural = Termini
action-create-term = Aggiungi un termine
vocab-term = Termine
vocab-materials = Materiali
vocab-tools = Attrezzi
vocab-thing-types = Tipi di oggetto
vocab-story-types = Tipi di storia
vocab-guide-types = Tipi di guida
vocab-relationship-types = Tipi di relazione
field-vocabulary = Vocabolario
field-key = Chiave
hint-term-key = Il valore che le voci salvano: una lettera minuscola, poi minuscole, cifre, _ o -. Non si può cambiare in seguito.
term-for-tools = Per gli attrezzi
field-tool-thing = Voce dell’attrezzo
term-for-relationships = Per i tipi di relazione
field-inverse-name = Nome dall’altro capo
field-source-kinds = Le origini possono essere
field-target-kinds = Le destinazioni possono essere
hint-graph-kinds = thing, story o guide, uno per riga; vuoto per tutti.
vocabularies-title = Vocabolari
vocabularies-intro = Nomi condivisi per materiali, attrezzi e tipi. Un materiale o un attrezzo scritto con uno dei nomi o sinonimi di un termine conta come quel termine.
vocabularies-link = Vocabolari
vocabulary-count = { $built_in } predefiniti, { $terms } aggiunti qui
vocabulary-controlled = Le voci scelgono uno di questi valori. Gli admin possono aggiungere valori; esperti e admin possono descriverli.
vocabulary-open = Gli esperti aggiungono termini con i loro nomi e sinonimi in ogni lingua.
vocabulary-empty = Ancora nessun termine.
term-add = Aggiungi un termine
term-joins = Collega
term-any-kind = tutti
term-built-in = predefinito
problem-invalid_key = Una chiave inizia con una lettera minuscola, poi minuscole, cifre, _ o -.
problem-invalid_kind = Deve essere thing, story o guide.
problem-not_for_vocabulary = Solo i termini di { $vocabulary } hanno questo campo.
problem-duplicate_term = { $vocabulary } ha già un termine con questa chiave.
problem-vocabulary_fixed = Un termine resta nel suo vocabolario ({ $vocabulary }); aggiungi invece un nuovo termine.
problem-kinds_not_allowed = Questo tipo di relazione collega { $sources } a { $targets }.
api-op-get-vocabularies = I vocabolari condivisi
api-op-get-vocabularies-name = Valori e termini di un vocabolario
api-op-post-vocabularies-name = Aggiungere un termine a un vocabolario
suggestions-title = Termini suggeriti
suggestions-intro = Materiali e attrezzi che le voci nominano con parole che nessun termine conosce ancora, i più nominati per primi. Le voci conservano il loro testo qualunque sia la decisione.
suggestions-link = Termini suggeriti
suggestions-none = Ogni materiale e attrezzo nominato dalle voci è un termine, o è stato rifiutato.
suggestions-experts = Decidono gli esperti.
suggestion-entries = { $count ->
    [one] nominato in 1 voce
   *[other] nominato in { $count } voci
}
suggestion-accept = Aggiungi come termine
suggestion-map-to = Altro nome di
suggestion-map = Aggiungi come altro nome
suggestion-reject = Non è un termine
suggestion-accepted = «{ $text }» ora è un termine.
suggestion-mapped = «{ $text }» ora è un altro nome del termine.
suggestion-rejected = «{ $text }» non è più suggerito.
api-op-get-suggested-terms = Testi di materiali e attrezzi che nessun termine nomina ancora
api-op-post-suggested-terms-accept = Rendere un testo suggerito un nuovo termine
api-op-post-suggested-terms-map = Aggiungere un testo suggerito ai nomi di un termine
api-op-post-suggested-terms-reject = Rifiutare un testo suggerito

# Repair records
kind-repair = Scheda di riparazione
kind-repair-plural = Schede di riparazione
action-create-repair = Registra una riparazione
vocab-fault-types = Tipi di guasto
vocab-no_power = Nessuna alimentazione
vocab-electrical = Elettrico
vocab-electronic = Elettronico
vocab-mechanical = Meccanico
vocab-battery = Batteria
vocab-cable_connector = Cavo o connettore
vocab-software = Software
vocab-structural = Involucro o parte rotta
vocab-dirt_blockage = Sporco o ostruzione
vocab-wear = Usura
repair-status-fixed = Riparato
repair-status-repairable = Riparabile
repair-status-end-of-life = Fine vita
repair-status-unknown = Sconosciuto
repair-barrier-spare-parts-not-available = Ricambi non disponibili
repair-barrier-spare-parts-too-expensive = Ricambi troppo costosi
repair-barrier-no-way-to-open-product = Impossibile aprire il prodotto
repair-barrier-repair-information-not-available = Informazioni di riparazione non disponibili
repair-barrier-lack-of-equipment = Mancanza di attrezzatura
repair-barrier-too-worn-out = Troppo usurato
repair-powered-yes = Elettrico
repair-powered-no = Non elettrico
repair-legend-event = Evento
repair-legend-item = L'oggetto
repair-legend-outcome = Esito
repair-legend-links = Conoscenza usata
field-group-identifier = Gruppo di riparazione
hint-group = Il gruppo che organizza l'evento, scritto allo stesso modo su ogni scheda
field-event-date = Data dell'evento
field-data-provider = Fornitore dei dati
hint-data-provider = L'organizzazione che condivide queste schede
field-country = Paese
hint-country = Codice ISO di tre lettere, ad esempio ITA o CHE
field-product-category = Categoria (ORDS)
field-product-category-id = Categoria
field-partner-product-category = Che cos'è
hint-partner-product-category = Con parole tue: cuociriso, lampada da tavolo
field-brand = Marca
field-year-of-manufacture = Anno di fabbricazione
field-product-age = Età (anni)
field-x-weight-kg = Peso (kg)
hint-weight-kg = Necessario per Varie: l'impatto si calcola da qui
field-x-powered = Alimentazione
field-repair-status = Esito
field-repair-barrier-if-end-of-life = Cosa ha impedito la riparazione
field-x-fault-type = Tipo di guasto
field-x-part-replaced = Parte sostituita
field-problem = Problema e soluzione
hint-problem = Niente nomi né contatti: le schede sono condivise
field-x-thing-id = Modello riparato
field-x-story-id = Storia seguita
field-x-guide-id = Guida seguita
field-record-id = Id della scheda (ORDS)
hint-record-id = Solo per schede provenienti da un altro sistema
action-save-next = Salva e registra il prossimo
notice-recorded = Salvato:
problem-invalid_country = Deve essere un codice paese ISO di tre lettere, ad esempio ITA.
problem-invalid_year = Deve essere un anno: quattro cifre.
problem-invalid_day = Deve essere un giorno: AAAA-MM-GG.

# API operations: impact
api-op-get-impact = Impatto delle schede di riparazione: oggetti per esito, rifiuti e CO2e evitati, partecipanti
api-op-get-impact-success-rates = Tassi di successo con intervalli al 95 %, per categoria, marca, modello, guasto, ostacolo, storia o guida

# Impact page
nav-impact = Impatto
impact-title = Impatto delle riparazioni
impact-headline = Cifre principali
impact-items-fixed = Oggetti riparati
impact-waste = Rifiuti evitati
impact-co2e = CO2e evitata
impact-groups = Gruppi
impact-events = Eventi
impact-items-per-event = Oggetti per evento
impact-instances = Istanze che contribuiscono
impact-method = Calcolato con il metodo del Restart Project, solo per gli oggetti riparati, con la tabella dei fattori { $table } (versione { $version }).
impact-left-out = { $n } oggetti riparati non hanno cifra: un oggetto Varie senza peso stimato o una categoria che la tabella non ha.
impact-range = (intervallo da { $low } a { $high })
impact-chart-fixed = Oggetti riparati nel tempo
impact-chart-prevented = Rifiuti e CO2e evitati nel tempo
impact-chart-rates = Tasso di successo per categoria
impact-chart-barriers = Principali ostacoli alla riparazione
impact-chart-countries = Per paese
impact-chart-desc = Colonne, una per mese con riparazioni ({ $n } mesi); le stesse cifre sono nella tabella sotto.
impact-rates-hint = Quota di riparati tra le schede con esito noto, con l'intervallo al 95 % (Wilson) e il numero di schede (n).
impact-month = Mese
impact-unit-items = oggetti
impact-value = Valore
impact-fixed = Riparati
impact-rate = Tasso
impact-interval = Intervallo al 95 %
impact-records = Schede
impact-download-csv = Scarica i dati (CSV)
impact-scope = Schede
impact-scope-network = Tutta la rete
impact-scope-instance = Solo questa istanza
impact-from = Dal
impact-to = Al
impact-bad-filter = Un filtro non è valido; correggilo per vedere le cifre.
impact-embed = Mostra queste cifre sul tuo sito
impact-embed-hint = Copia uno di questi nella tua pagina: le cifre restano aggiornate, con questi filtri.
impact-embed-frame = Come riquadro
impact-embed-image = Come immagine
impact-embed-preview = Vedi l'immagine
impact-widget-more = Altre cifre

# Navigation: repairs
nav-repairs = Riparazioni

# Repairs on entry pages
repairs-note-label = Riparazioni
repairs-note-used = Citato in { $n -> 
    [one] una scheda di riparazione
   *[other] { $n } schede di riparazione
}.
repairs-note-success = { $rate } riparati ({ $fixed } su { $n } con esito noto; intervallo al 95 % { $low }–{ $high }).
repairs-note-co2e = { $co2e } kg di CO2e evitati ({ $table }, { $version }).
repairs-note-more = Vedi le cifre

# API operations: ORDS files
api-op-get-repairs-csv = Schede di riparazione in CSV secondo l'Open Repair Data Standard, con i filtri d'impatto
api-op-post-entity-import = Importa un CSV dell'Open Repair Data Standard (prima si controllano tutte le righe)

## Repair events and readers' outcomes
kind-event = Evento di riparazione
kind-event-plural = Eventi di riparazione
action-create-event = Registra un evento
vocab-event = Evento
kind-outcome = Esito
kind-outcome-plural = Esiti
action-create-outcome = Dire com’è andata
vocab-outcome = Esito
nav-events = Eventi
problem-event_mismatch = Questo evento è { $group } il { $date }: la scheda deve indicare lo stesso gruppo e lo stesso giorno.
notice-not-yours = Ogni persona dà un esito per voce, e solo lei può cambiarlo.
event-headline = { $items } oggetti portati, { $fixed } riparati: { $co2e } kg di CO2e e { $waste } kg di rifiuti evitati.
event-all-records = Tutte le { $count } schede di questo evento
event-no-records = Nessuna riparazione ancora registrata per questo evento.
event-record-here = Registra una riparazione a questo evento
event-records-title = Riparazioni a questo evento
field-entry-id = Storia o guida
field-entry-type = Tipo di voce
field-event-title = Titolo
field-failed-step = Passo che non ha funzionato
field-hours = Durata in ore
field-notes = Note
field-outcome-note = Una breve nota (facoltativa)
field-outcome-result = Risultato
field-participants = Partecipanti
field-place = Luogo
field-volunteers = Volontari
field-x-event-id = Evento
hint-hours = Quanto è durato, per le ore di volontariato. Vuoto: 3.
hint-place = Una sede o una città, mai l’indirizzo di una persona.
hint-volunteers = Riparatori e aiutanti, senza chi ospita. Niente nomi.
impact-hours-volunteered = Ore di volontariato
impact-participants = Partecipanti
impact-volunteers = Volontari
outcome-result-worked = Ha funzionato
outcome-result-partly = Ha funzionato in parte
outcome-result-failed = Non ha funzionato
outcome-error-invalid = Non è stato possibile salvare la risposta. Controllala e riprova.
outcome-error-empty = Scegli se ha funzionato.
outcome-error-rate_limited = Troppe risposte in poco tempo. Attendi un minuto e riprova.
outcome-error-not_in_vocabulary = Scegli una delle tre risposte.
outcome-error-out_of_range = Scegli un passo di questa voce.
outcomes-change = Cambia la mia risposta
outcomes-no-step = Nessun passo in particolare
outcomes-none = Nessuno ha ancora detto se ha funzionato.
outcomes-partly-failed = In parte: { $partly }. Non ha funzionato: { $failed }.
outcomes-interval = (intervallo al 95 % { $low }–{ $high })
outcomes-question = Ha funzionato per te?
outcomes-save = Salva la mia risposta
outcomes-saved = Grazie: la tua risposta è salvata.
outcomes-self-reported = Dichiarato dai lettori, contato a parte rispetto alle schede di riparazione.
outcomes-sign-in = Accedi per dire se ha funzionato per te.
outcomes-step = Passo { $step }
outcomes-step-failed = Il passo { $step } non ha funzionato per { $count }
outcomes-title = Ha funzionato per me
outcomes-worked-for = Ha funzionato per { $worked } persone su { $n }.
outcomes-yours = La tua risposta: { $result }.

## Impact factor tables
audit-factors-add = Ha aggiunto una tabella di fattori
audit-factors-use = Ha cambiato la tabella di fattori in uso
problem-duplicate_table = Esiste già una tabella con questo nome e questa versione: dalle una nuova versione.
factors-title = Fattori di impatto
factors-intro = Rifiuti e CO2e evitati si calcolano con una tabella di fattori: un peso e un’impronta di produzione per categoria ORDS. Ogni cifra indica la tabella e la versione in uso.
factors-tables = Tabelle di fattori
factors-name = Nome
factors-version = Versione
factors-source = Fonte
factors-licence = Licenza
factors-categories = Categorie
factors-ranged = (con intervalli)
factors-in-use = In uso
factors-in-use-yes = In uso
factors-use = Usa questa tabella
factors-used = La tabella è in uso; ora ogni cifra è calcolata con essa, e quelle sostituite sono conservate qui sotto.
factors-added = La tabella è stata aggiunta. Sceglila qui sotto per usarla.
factors-unknown = Questa tabella non esiste.
factors-history = Cronologia
factors-history-none = È sempre stata in uso la tabella inclusa.
factors-history-hint = Ogni riga conserva le cifre della rete come le calcolava la tabella sostituita al momento del cambio.
factors-when = Quando, chi
factors-chosen = Scelta
factors-replaced = Sostituita
factors-add = Aggiungi una tabella
factors-add-hint = Un CSV con le colonne product_category_id, weight (kg) e footprint (kg CO2e), e facoltativamente footprint_low e footprint_high, o uncertainty_pct (30 significa ±30 %): le cifre mostrano allora un intervallo.
factors-csv = La tabella (CSV)
factors-add-button = Aggiungi la tabella

## Usage analytics
usage-title = Utilizzo
usage-intro = Contato per giorno senza cookie, indirizzi o altro sui visitatori: pagine caricate (robot esclusi), ricerche, ricerche senza risultati e le revisioni fatte qui.
usage-period = Periodo
usage-days = Ultimi { $days } giorni
usage-show = Mostra
usage-views-chart = Pagine viste al giorno
usage-views-chart-desc = Una colonna per giorno; la tabella qui sotto riporta le stesse cifre.
usage-per-day = Per giorno
usage-day = Giorno
usage-views = Pagine viste
usage-searches = Ricerche
usage-empty-searches = Senza risultati
usage-contributions = Contributi
usage-top-pages = Pagine più viste
usage-empty-queries = Ricerche senza risultati
usage-empty-queries-hint = Ciò che le persone hanno cercato senza trovarlo: conoscenza da aggiungere.
usage-none = Niente contato in questo periodo.

## Impact map
impact-map-title = Schede di riparazione per paese
impact-map-desc = Una mappa del mondo: i { $countries } paesi con schede sono colorati in base al numero di schede con esito noto, più scuri per di più. Il grafico e la tabella qui sotto riportano le cifre.
impact-map-country = { $country }: { $n } schede, { $fixed } riparate
