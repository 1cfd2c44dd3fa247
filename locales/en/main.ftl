# ThingData user interface, English. Keep in step with de/main.ftl (a test checks).

skip-to-content = Skip to content
nav-label = Main navigation
nav-things = Things
nav-stories = Stories
nav-guides = Guides
nav-relationships = Relationships
nav-api = API
language-label = Language
language-apply = Change
footer-text = ThingData — open, federated repair knowledge.
loading = Loading…
load-error = This page could not be loaded. Please try again in a moment.
none = none
not-found-title = Not found
not-found-text = There is nothing at this address. It may have been deleted.
back-home = Back to the home page
fallback-note = (not translated; shown in the original language)

kind-thing = Thing
kind-story = Story
kind-guide = Guide
kind-relationship = Relationship
kind-thing-plural = Things
kind-story-plural = Stories
kind-guide-plural = Guides
kind-relationship-plural = Relationships

action-create-thing = Add a thing
action-create-story = Tell a repair story
action-create-guide = Add a guide
action-create-relationship = Add a relationship
action-edit = Edit
action-history = History
action-delete = Delete
action-save = Save
action-cancel = Cancel

home-title = Repair knowledge, shared
home-intro = ThingData collects how to keep things working: the things themselves, stories of repairs, guides and how it all connects. Browse, search by filters, and contribute in your language.
home-counts = On this instance
home-revisions = revisions
home-instance = Instance address: { $url }
home-recent = Recent changes
home-empty = Nothing here yet.
home-contribute = Contribute

api-title = JSON API
api-intro = Every page has a JSON API counterpart. The machine-readable description is
api-endpoints = Endpoints
api-method = Method
api-path = Path
api-summary = What it does

filters-label = Filters
filter-any = any
filter-apply = Apply filters
filter-reset = Reset
list-empty = Nothing matches these filters.
pagination-label = Pages
pagination-prev = Previous page
pagination-next = Next page
pagination-status = Page { $page } of { $pages } ({ $total } in all)

notice-saved = Saved.
notice-deleted = Deleted. Its history is kept.
notice-stale = Someone else changed this since you opened it. Your edits are still below; check the current version and save again to apply them on top.
notice-gone = This entity was deleted while you edited it. Your edits are still below.

entity-actions = Actions
meta-created = Created
meta-updated = updated
meta-uri = Global address:
meta-revision = Revision
rel-outgoing = { $type } →
rel-incoming = ← { $type } this
rel-details = (details)
deleted-thing = (deleted thing)

field-type = Type
field-name = Name
field-description = Description
field-identifier = Identifier
field-manufacturer = Manufacturer
field-manufacturer-name = Manufacturer name
field-website = Website
field-contact = Contact email
field-properties = Properties
field-materials = Materials
field-dimensions = Dimensions
field-width = Width
field-height = Height
field-depth = Depth
field-unit = Unit
field-manufacturing-date = Manufacturing date
field-serial-number = Serial number
field-title = Title
field-summary = Summary
field-applies-to = Applies to
field-thing-id = Thing
field-category = Category
field-subcategory = Subcategory
field-attributes = Attributes
field-procedure = Procedure
field-guide-primary = Guide type
field-guide-secondary = Purpose
field-requirements = Requirements
field-skills = Skills
field-tools = Tools
field-certifications = Certifications
field-warnings = Warnings
field-severity = Severity
field-message = Message
field-source = From
field-source-type = Source kind
field-source-id = Source
field-target = To
field-target-type = Target kind
field-target-id = Target
field-relationship-type = Relationship
field-direction = Direction
field-metadata = Metadata

hint-identifier = Optional, e.g. thing:appliance/acme/cm-200
hint-date = YYYY, YYYY-MM or YYYY-MM-DD
hint-applies-to = Give either one thing or a category of things.
hint-picker = Start typing a name and pick from the list; the id is filled in.
hint-key-value = One per line: key=value
one-per-line = One per line

form-new-title = New { $kind }
form-edit-title = Edit { $kind }
form-problems = { $count ->
    [one] There is one problem to fix
   *[other] There are { $count } problems to fix
}
select-none = — choose —
localized-default = Text (default language)
localized-language = Language tag
localized-language-hint = BCP 47, e.g. de, es, pt-BR
localized-text = Translation
localized-add = Add a translation of { $field }
step-heading = Step { $number }
step-description = What to do
step-warning = Warning
step-warnings = Warnings
step-warning-add = Add a warning
step-warning-remove = Remove this warning
step-tools = Tools
step-media = Media links
step-add = Add a step
step-up = Move up
step-down = Move down
step-remove = Remove step
step-up-label = Move step { $number } up
step-down-label = Move step { $number } down
step-remove-label = Remove step { $number }

history-title = History of { $label }
history-back = Back to the current version
history-deleted = This entity has been deleted; its history is kept.
history-by = by { $author } on { $instance }
history-changed = Changed

delete-title = Delete { $label }?
delete-explain = This removes the { $kind } from this instance. Its history is kept and shows the deletion.
delete-relationships = { $count ->
    [one] Its one relationship is deleted with it.
   *[other] Its { $count } relationships are deleted with it.
}
delete-confirm = Yes, delete it
delete-error-confirm = Tick the box to confirm the deletion.
delete-error-stale = It was changed by someone else meanwhile. Please look at it again before deleting.

vocab-op-create = Created
vocab-op-update = Updated
vocab-op-delete = Deleted
vocab-device = Device
vocab-component = Component
vocab-material = Material
vocab-tool = Tool
vocab-repair = Repair
vocab-maintenance = Maintenance
vocab-modification = Modification
vocab-diagnosis = Diagnosis
vocab-manual = Manual
vocab-tutorial = Tutorial
vocab-specification = Specification
vocab-documentation = Documentation
vocab-part_of = part of
vocab-applies_to = applies to
vocab-implements = implements
vocab-references = references
vocab-alternative_to = alternative to
vocab-made_of = made of
vocab-compatible_with = compatible with
vocab-uses = uses
vocab-replaces = replaces
vocab-unidirectional = one way
vocab-bidirectional = both ways
vocab-info = Info
vocab-caution = Caution
vocab-warning = Warning
vocab-danger = Danger
vocab-thing = Thing
vocab-story = Story
vocab-guide = Guide
vocab-relationship = Relationship
vocab-mm = mm
vocab-cm = cm
vocab-m = m
vocab-in = in

problem-required = This field is required.
problem-unknown_field = This field is not part of the schema.
problem-wrong_type = Expected { $expected }.
problem-empty = Must not be empty.
problem-too_long = At most { $max } characters.
problem-too_many = At most { $max } items.
problem-out_of_range = Must be between { $min } and { $max }.
problem-invalid_language_tag = “{ $value }” is not a language tag such as de or pt-BR.
problem-invalid_url = Must be a web address starting with http:// or https://.
problem-invalid_email = Must be an email address.
problem-invalid_date = Must be a date: YYYY, YYYY-MM or YYYY-MM-DD.
problem-invalid_id = Must be the id of an entity.
problem-invalid_identifier = Use lowercase letters, digits and : / . _ - only, starting with “thing:”.
problem-not_in_vocabulary = Must be one of: { $allowed }.
problem-one_of_required = Give either a thing or a category.
problem-mutually_exclusive = Give a thing or a category, not both.
problem-not_found = No { $kind } with this id exists.
problem-type_mismatch = This id belongs to a { $actual }, not a { $expected }.
problem-self_relationship = An entity cannot be related to itself.
problem-duplicate_relationship = This relationship already exists.
problem-duplicate_order = Step order { $order } is used more than once.
problem-duplicate_language = The language { $value } appears more than once.
problem-too_deep = Nested deeper than { $max } levels.
