# ThingData user interface, Arabic. Keep in step with en/main.ftl (a test checks).

skip-to-content = انتقل إلى المحتوى
nav-label = التنقل الرئيسي
nav-things = الأشياء
nav-stories = قصص الإصلاح
nav-guides = الأدلة
nav-relationships = العلاقات
nav-api = API
language-label = اللغة
language-apply = تغيير
footer-text = ThingData — معرفة مفتوحة عن الإصلاح، تتشاركها خوادم متّحدة.
footer-licence = يمكن إعادة استخدام محتوى هذا الموقع بموجب
footer-nav-label = عن هذا الموقع
nav-menu = القائمة
nav-help = المساعدة
nav-about = حول
loading = جارٍ التحميل…
date-time = { $day } { $month } { $year }، { $time } UTC
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
load-error = تعذّر تحميل هذه الصفحة. يُرجى المحاولة مرة أخرى بعد قليل.
none = لا يوجد
not-found-title = غير موجود
not-found-text = لا يوجد أي محتوى على هذا العنوان. ربما حُذف.
back-home = العودة إلى الصفحة الرئيسية
fallback-note = (غير مترجم؛ معروض باللغة الأصلية)

kind-thing = شيء
kind-story = قصة إصلاح
kind-guide = دليل
kind-relationship = علاقة
kind-thing-plural = أشياء
kind-story-plural = قصص إصلاح
kind-guide-plural = أدلة
kind-relationship-plural = علاقات

action-create-thing = إضافة شيء
action-create-story = رواية قصة إصلاح
action-create-guide = إضافة دليل
action-create-relationship = إضافة علاقة
action-edit = تعديل
action-history = السجل
action-delete = حذف
action-save = حفظ
action-cancel = إلغاء

home-title = معرفة الإصلاح، مشتركة بين الجميع
home-intro = يجمع ThingData المعرفة اللازمة لإبقاء الأشياء صالحة للعمل: الأشياء نفسها، وقصص الإصلاح، والأدلة، وكيف يرتبط ذلك كله بعضه ببعض. تصفّح، وابحث باستخدام عوامل التصفية، وساهم بلغتك.
home-counts = على هذا الخادم
home-revisions = مراجعات
home-instance = عنوان الخادم: { $url }
home-recent = أحدث التغييرات
home-empty = لا يوجد محتوى هنا بعد.
home-contribute = ساهم

api-title = واجهة JSON البرمجية
api-intro = لكل صفحة مقابل في واجهة JSON البرمجية. الوصف المقروء آليًا متاح في
api-endpoints = نقاط النهاية
api-method = الطريقة
api-path = المسار
api-summary = الوظيفة

filters-label = عوامل التصفية
filter-any = الكل
filter-apply = تطبيق التصفية
filter-reset = إعادة تعيين
list-empty = لا توجد نتائج تطابق عوامل التصفية هذه.
pagination-label = الصفحات
pagination-prev = الصفحة السابقة
pagination-next = الصفحة التالية
pagination-status = الصفحة { $page } من { $pages } (المجموع: { $total })

notice-saved = تم الحفظ.
notice-deleted = تم الحذف. سجلّه محفوظ.
notice-stale = غيّر شخص آخر هذا المدخل منذ أن فتحته. تعديلاتك ما زالت أدناه؛ تحقّق من النسخة الحالية واحفظ مرة أخرى لتطبيق تعديلاتك عليها.
notice-gone = حُذف هذا المدخل أثناء تعديلك له. تعديلاتك ما زالت أدناه.

entity-actions = الإجراءات
byline-written = كتبه
byline-changed = آخر تعديل بواسطة
byline-at = على { $instance }
entry-licence = يمكنك نسخ هذا المدخل وتعديله ومشاركته بموجب
entry-licence-authors = مؤلفوه مذكورون في سجلّه.
meta-created = أُنشئ في
meta-updated = حُدّث في
meta-uri = العنوان العالمي:
meta-revision = المراجعة
rel-outgoing = { $type } ←
rel-incoming = → { $type } هذا
rel-details = (التفاصيل)
deleted-thing = (شيء محذوف)

field-type = النوع
field-name = الاسم
field-description = الوصف
field-identifier = المعرّف
field-manufacturer = الشركة المصنّعة
field-manufacturer-name = اسم الشركة المصنّعة
field-website = الموقع الإلكتروني
field-contact = البريد الإلكتروني للتواصل
field-properties = الخصائص
field-materials = المواد
field-dimensions = الأبعاد
field-width = العرض
field-height = الارتفاع
field-depth = العمق
field-unit = الوحدة
field-manufacturing-date = تاريخ التصنيع
field-serial-number = الرقم التسلسلي
field-title = العنوان
field-summary = الملخص
field-applies-to = ينطبق على
field-thing-id = الشيء
field-category = الفئة
field-thing-category = شيء أو فئة
field-subcategory = الفئة الفرعية
field-attributes = السمات
field-procedure = الإجراء
field-guide-primary = نوع الدليل
field-guide-secondary = الغرض
field-requirements = المتطلبات
field-skills = المهارات
field-tools = الأدوات
field-certifications = الشهادات
field-warnings = التحذيرات
field-severity = درجة الخطورة
field-message = الرسالة
field-source = من
field-source-type = نوع المصدر
field-source-id = المصدر
field-target = إلى
field-target-type = نوع الهدف
field-target-id = الهدف
field-relationship-type = العلاقة
field-direction = الاتجاه
field-metadata = البيانات الوصفية

hint-identifier = اختياري، مثلًا thing:appliance/acme/cm-200
hint-date = YYYY أو YYYY-MM أو YYYY-MM-DD
hint-applies-to = حدّد إما شيئًا واحدًا أو فئة من الأشياء.
picker-hint = اكتب جزءًا من اسمه بأي لغة، ثم اختره من النتائج المطابقة.
picker-find = بحث
picker-choose = اختر { $name }
picker-chosen = المختار:
picker-remove = إزالة الاختيار
hint-key-value = واحد في كل سطر: key=value
one-per-line = واحد في كل سطر

form-new-title = إضافة { $kind }
form-edit-title = تعديل { $kind }
form-problems = { $count ->
    [zero] لا توجد مشكلات تحتاج إلى إصلاح
    [one] هناك مشكلة واحدة تحتاج إلى إصلاح
    [two] هناك مشكلتان تحتاجان إلى إصلاح
    [few] هناك { $count } مشكلات تحتاج إلى إصلاح
    [many] هناك { $count } مشكلة تحتاج إلى إصلاح
   *[other] هناك { $count } مشكلة تحتاج إلى إصلاح
}
select-none = — اختر —
localized-default = النص الأصلي
localized-language = وسم اللغة
localized-language-hint = وفق BCP 47، مثلًا de أو es أو pt-BR
localized-text = الترجمة
localized-add = إضافة ترجمة لحقل «{ $field }»
form-written-in = مكتوب باللغة
form-written-in-hint = اللغة التي تكتب بها نصوص هذا المدخل. توضع الترجمات إلى لغات أخرى تحت كل نص.
field-lang = لغة النص الأصلي
step-heading = الخطوة { $number }
step-description = ما يجب فعله
step-warning = تحذير
step-warnings = تحذيرات
step-warning-add = إضافة تحذير
step-warning-remove = إزالة هذا التحذير
step-tools = الأدوات
media-missing = صورة لم تصل بعد من نسختها
media-document = مستند
media-view = صورة
media-original = الأصل
media-previous = → السابقة
media-close = إغلاق
media-next = التالية ←
media-number = الصورة { $number }
media-alt = وصف لمن لا يستطيع رؤية الصورة (نص بديل)
media-caption = تعليق
media-remove = إزالة الصورة
media-heading = الصور والمستندات
media-marker-shape = علامة
media-marker-x = أفقيًا (0 = اليسار، 1 = اليمين)
media-marker-y = عموديًا (0 = الأعلى، 1 = الأسفل)
media-marker-x2 = يشير السهم إلى: أفقيًا
media-marker-y2 = يشير السهم إلى: عموديًا
media-marker-r = نصف قطر الدائرة (نسبة من العرض)
media-marker-label = التسمية
media-marker-remove = إزالة العلامة
media-marker-add = إضافة علامة
media-marker-hint = تُرسم العلامات فوق الصورة وتبقى واضحة؛ تُرقَّم النقاط بالترتيب وتُدرج تسمياتها تحت الصورة.
media-marker-place = انقر على الصورة لوضع العلامة التي تحررها؛ يحتاج السهم إلى نقرتين: ذيله ثم رأسه.
media-marker-place-first = أضف علامة، ثم انقر على الصورة لوضعها.
vocab-arrow = سهم
vocab-circle = دائرة
vocab-point = نقطة مرقّمة
media-add-heading = إضافة صور أو مستندات
media-add-target = إرفاق بـ
media-add-entry = المُدخل كله
media-add-keep-time = الاحتفاظ بوقت التقاط الصورة
media-add-files = الملفات
media-add-hint = JPEG أو PNG أو WebP أو GIF أو PDF، حتى { $max } لكل ملف. تُعدَّل الصور لتستقيم وتُحفظ من جديد: يُحذف الموقع (GPS) وبيانات الكاميرا وكل البيانات الوصفية الأخرى.
media-add-room = يمكنك رفع { $left } أخرى.
media-add-room-none = استخدمت كل المساحة المخصصة لملفاتك؛ يمكن للمشرف منحك المزيد.
media-add-submit = رفع
media-add-sending = جارٍ الإرسال…
media-add-failed = لم يكتمل الرفع؛ تحقّق من الاتصال وحاول مرة أخرى.
notice-media-added = { $count ->
    [zero] لم يُضف أي ملف.
    [one] أُضيف ملف واحد.
    [two] أُضيف ملفان.
    [few] أُضيفت { $count } ملفات.
    [many] أُضيف { $count } ملفًا.
   *[other] أُضيف { $count } ملف.
}
media-error-no_file = اختر ملفًا واحدًا على الأقل.
media-error-empty_file = الملف فارغ.
media-error-file_too_large = الملف أكبر مما تقبله هذه النسخة (25 ميغابايت ما لم يُغيَّر الإعداد).
media-error-unsupported_type = هذا ليس صورة (JPEG أو PNG أو WebP أو GIF) ولا ملف PDF، أيًّا كان اسمه.
media-error-polyglot = يخفي الملف ملفًا ثانيًا من نوع آخر؛ ارفع الصورة أو المستند وحده.
media-error-too_many_pixels = في الصورة بكسلات أكثر مما تقبله هذه النسخة.
media-error-too_many_frames = في الرسم المتحرك إطارات كثيرة جدًا.
media-error-too_much_memory = تحتاج الصورة إلى ذاكرة أكثر مما تسمح به هذه النسخة.
media-error-damaged_file = الملف تالف أو مقطوع.
media-error-user_quota = امتلأت مساحتك للصور والمستندات.
media-error-instance_quota = امتلأت مساحة هذه النسخة للصور والمستندات؛ راجع أحد المشرفين.
media-error-too_many_files = 20 ملفًا على الأكثر في المرة الواحدة.
media-error-invalid = لا يقبل المُدخل هذه الملفات (كثيرة جدًا، أو لم تعد الخطوة موجودة).
media-error-changed = تغيّر المُدخل في أثناء ذلك؛ حاول مرة أخرى.
media-error-internal = تعذّر حفظ الملفات؛ حاول لاحقًا.
step-add = إضافة خطوة
step-up = نقل لأعلى
step-down = نقل لأسفل
step-remove = حذف الخطوة
step-up-label = نقل لأعلى (الخطوة { $number })
step-down-label = نقل لأسفل (الخطوة { $number })
step-remove-label = حذف الخطوة { $number }

history-title = سجل { $label }
history-back = العودة إلى النسخة الحالية
history-deleted = حُذف هذا المدخل؛ سجلّه محفوظ.
author-anonymous = شخص بلا حساب
history-by = بواسطة { $author } على { $instance }
history-changed = ما تغيّر
history-whole = المدخل بأكمله

delete-title = حذف { $label }؟
delete-explain = سيؤدي هذا إلى إزالة هذا المدخل ({ $kind }) من هذا الخادم. يبقى سجلّه محفوظًا ويُظهر عملية الحذف.
delete-relationships = { $count ->
    [zero] لا توجد علاقات مرتبطة به.
    [one] ستُحذف معه العلاقة الوحيدة المرتبطة به.
    [two] ستُحذف معه العلاقتان المرتبطتان به.
    [few] ستُحذف معه { $count } علاقات مرتبطة به.
    [many] ستُحذف معه { $count } علاقة مرتبطة به.
   *[other] ستُحذف معه { $count } علاقة مرتبطة به.
}
delete-confirm = نعم، احذفه
value-yes = نعم
value-no = لا
delete-error-confirm = حدّد المربع لتأكيد الحذف.
delete-error-stale = غيّره شخص آخر في هذه الأثناء. يُرجى الاطلاع عليه مرة أخرى قبل حذفه.

vocab-op-create = أُنشئ
vocab-op-update = حُدّث
vocab-op-delete = حُذف
vocab-op-revert = أُعيد إلى نسخة سابقة
vocab-op-restore = استُعيد بعد الحذف
vocab-device = جهاز
vocab-component = مكوّن
vocab-material = مادة
vocab-tool = أداة
vocab-repair = إصلاح
vocab-maintenance = صيانة
vocab-modification = تعديل
vocab-diagnosis = تشخيص
vocab-manual = كتيّب
vocab-tutorial = درس تعليمي
vocab-specification = مواصفات
vocab-documentation = توثيق
vocab-part_of = جزء من
vocab-applies_to = ينطبق على
vocab-implements = يطبّق
vocab-references = يشير إلى
vocab-alternative_to = بديل عن
vocab-made_of = مصنوع من
vocab-compatible_with = متوافق مع
vocab-uses = يستخدم
vocab-replaces = يحل محل
vocab-inverse-part_of = جزء منه
vocab-inverse-applies_to = ينطبق عليه
vocab-inverse-implements = يطبّقه
vocab-inverse-references = يشير إليه
vocab-inverse-alternative_to = بديل عن
vocab-inverse-made_of = مصنوع منه
vocab-inverse-compatible_with = متوافق مع
vocab-inverse-uses = يستخدمه
vocab-inverse-replaces = يحل محله
vocab-unidirectional = باتجاه واحد
vocab-bidirectional = بالاتجاهين
vocab-info = معلومة
vocab-caution = تنبيه
vocab-warning = تحذير
vocab-danger = خطر
vocab-thing = شيء
vocab-story = قصة إصلاح
vocab-guide = دليل
vocab-relationship = علاقة
vocab-mm = مم
vocab-cm = سم
vocab-m = م
vocab-in = بوصة

problem-required = هذا الحقل مطلوب.
problem-no_match = لا يوجد مدخل من هذا النوع باسم «{ $query }». جرّب اسمًا آخر، أو جزءًا من اسم.
problem-pick_one = عدة مدخلات تطابق «{ $query }»: اختر واحدًا منها أدناه.
problem-unknown_field = هذا الحقل ليس جزءًا من المخطط.
problem-wrong_type = المتوقع: { $expected }.
problem-empty = يجب ألا يكون فارغًا.
problem-control_character = يجب ألا يحتوي على محارف تحكّم مثل NUL.
problem-too_long = يجب ألا يتجاوز عدد الأحرف { $max }.
problem-too_many = يجب ألا يتجاوز عدد العناصر { $max }.
problem-out_of_range = يجب أن تكون القيمة بين { $min } و{ $max }.
problem-invalid_language_tag = «{ $value }» ليس وسم لغة مثل de أو pt-BR.
problem-invalid_url = يجب أن يكون عنوان ويب يبدأ بـ http:// أو https://.
problem-invalid_email = يجب أن يكون عنوان بريد إلكتروني.
problem-invalid_date = يجب أن يكون تاريخًا: YYYY أو YYYY-MM أو YYYY-MM-DD.
problem-invalid_id = يجب أن يكون معرّف مدخل.
problem-invalid_identifier = استخدم فقط الأحرف اللاتينية الصغيرة والأرقام والرموز : / . _ - على أن يبدأ بـ «thing:».
problem-invalid_media_id = يجب أن يكون معرّف ملف وسائط: 64 رقمًا سداسيًا عشريًا.
problem-unknown_media = لا يوجد هنا ملف وسائط بهذا المعرّف؛ ارفعه أولًا.
problem-not_in_vocabulary = يجب أن يكون أحد ما يلي: { $allowed }.
problem-one_of_required = حدّد إما شيئًا أو فئة.
problem-mutually_exclusive = حدّد شيئًا أو فئة، لا كليهما.
problem-not_found = لا يوجد مدخل من نوع { $kind } بهذا المعرّف.
problem-type_mismatch = هذا المعرّف يخص مدخلًا من نوع { $actual }، لا من نوع { $expected }.
problem-self_relationship = لا يمكن ربط مدخل بنفسه.
problem-duplicate_relationship = هذه العلاقة موجودة من قبل.
problem-duplicate_order = ترتيب الخطوة { $order } مستخدم أكثر من مرة.
problem-duplicate_language = اللغة { $value } مذكورة أكثر من مرة.
problem-too_deep = التداخل أعمق من الحد المسموح به ({ $max }).
problem-revert_to_deletion = لا يمكن الرجوع إلى عملية حذف؛ اختر نسخة سابقة.

history-caption = كل المراجعات، الأحدث أولًا. اختر اثنتين للمقارنة.
history-from = من
history-to = إلى
history-from-label = المقارنة من المراجعة { $revision }
history-to-label = المقارنة حتى المراجعة { $revision }
history-revision = المراجعة
history-actions = الإجراءات
history-current = الحالية
action-compare = مقارنة المراجعات المحددة
action-revert = الرجوع إلى هذه النسخة
notice-reverted = تم الرجوع: أصبحت النسخة السابقة هي الحالية من جديد، في مراجعة جديدة.
revert-error-stale = تغيّر المدخل في هذه الأثناء؛ اطّلع على السجل مرة أخرى قبل الرجوع.
revert-error-invalid = تلك النسخة لم تعد صالحة هنا (مثلًا، حُذف مدخل تشير إليه).
revert-error-gone = تلك المراجعة غير موجودة.
diff-title = التغييرات على { $label }
diff-back = العودة إلى السجل
diff-none = هاتان المراجعتان لهما المحتوى نفسه.
diff-field = الحقل
diff-change = التغيير
diff-before = قبل
diff-after = بعد
diff-added = أُضيف
diff-removed = أُزيل
diff-changed = تغيّر
diff-moved = نُقل

nav-conflicts = التعارضات
notice-merged = تم الحفظ: دُمج تعديلك مع تغيير أجراه شخص آخر في هذه الأثناء.
notice-resolved = تم حل التعارض.
notice-conflict = يغيّر تعديلك الحقول نفسها التي غيّرها تعديل آخر في هذه الأثناء، لذا تعذّر دمجه. لن تفقد عملك: فقد حُفظ كتعارض ليحلّه خبير.
notice-open-conflict = توجد تعديلات متزامنة على هذا المدخل بانتظار خبير.
conflict-open-link = فتح التعارض
conflicts-title = التعارضات
conflicts-intro = تعديلات متزامنة طالت الحقول نفسها. اختر لكل حقل النسخة التي تريد إبقاءها، أو اكتب قيمة تجمع بينهما.
conflicts-none = لا توجد تعارضات مفتوحة.
conflicts-entity = المدخل
conflicts-since = مفتوح منذ
conflicts-fields = الحقول المتعارضة
conflict-title = تعارض في { $label }
conflict-explain = اختر لكل حقل النسخة التي تريد إبقاءها، أو اكتب قيمة مدمجة. يؤدي الحل إلى كتابة مراجعة جديدة تجمع التعديلين، ويبقى كل ذلك محفوظًا في السجل.
conflict-ours = التعديل اللاحق
conflict-theirs = التعديل السابق
conflict-base = قبل التعديلين
conflict-custom = قيمة مدمجة
conflict-custom-value = القيمة المدمجة لهذا الحقل
conflict-absent = (أُزيل)
conflict-whole = المدخل بأكمله (حُذف في أحد الطرفين)
conflict-closed = هذا التعارض مغلق.
conflict-error-invalid = النتيجة غير صالحة؛ تحقّق من القيم المدمجة.
conflict-error-custom = إحدى القيم المدمجة ليست JSON صالحًا.
conflict-error-closed = حلّ شخص آخر هذا التعارض بالفعل.
action-resolve = حلّ
problem-revision_id_mismatch = معرّف المراجعة لا يطابق محتواها.
problem-revision_parent_missing = إحدى المراجعات الأصل لهذه المراجعة غير معروفة هنا.
problem-revision_uri_mismatch = عنوان المدخل الجديد لا يشير إلى الخادم الذي أنشأه.
history-parents = مبنية على { $revisions }
history-merge = دمج تلقائي للمراجعات { $revisions }
history-resolution = تجمع المراجعات { $revisions }
history-preferred = حُسم التعارض بين { $revisions } لصالح الخادم المفضَّل
problem-invalid_username = من 3 إلى 40 حرفًا: أحرف لاتينية صغيرة أو أرقام أو «.» أو «_» أو «-».
problem-password_too_short = يجب ألا يقل عدد الأحرف عن { $min }.
problem-passwords_differ = كلمتا المرور غير متطابقتين.
problem-username_taken = اسم المستخدم هذا مأخوذ.
problem-invalid_invite = رمز الدعوة هذا غير معروف أو مستخدم من قبل.
problem-wrong_password = هذه ليست كلمة مرورك الحالية.
nav-login = تسجيل الدخول
nav-register = إنشاء حساب
nav-account = مسجّل الدخول باسم { $name }
action-logout = تسجيل الخروج
login-title = تسجيل الدخول
login-username = اسم المستخدم
login-password = كلمة المرور
login-submit = دخول
login-error = اسم المستخدم أو كلمة المرور غير صحيحة، أو أن الحساب معطّل.
login-draft-kept = يتطلب الحفظ حسابًا، حتى يكون لكل تغيير مؤلف في السجل. تعديلك محفوظ: سجّل الدخول وستعود إلى النموذج ومعه تعديلك، جاهزًا للحفظ.
login-no-account = ليس لديك حساب بعد؟
register-title = إنشاء حساب
register-email = البريد الإلكتروني
register-password-again = تأكيد كلمة المرور
register-password-hint = 10 أحرف على الأقل.
register-submit = إنشاء الحساب
account-title = حسابك
account-welcome = أهلًا بك! حسابك جاهز.
account-role = الدور
account-contributions = مساهماتك
account-none = لم تُجرِ أي تغيير بعد.
account-signed-out = سجّل الدخول لرؤية حسابك.
vocab-member = عضو
vocab-expert = خبير
vocab-moderator = مشرف
vocab-admin = مدير
notice-forbidden = دورك لا يسمح بحفظ هذا. تعديلك ما زال أدناه.
conflict-error-forbidden = حلّ التعارضات يتطلب دور الخبير.
revert-error-forbidden = دورك لا يسمح بالرجوع إلى نسخة سابقة.
delete-error-forbidden = الحذف يتطلب دور المشرف.
admin-users-title = المستخدمون والأدوار
admin-users-since = عضو منذ
admin-users-disabled = معطّل
admin-users-error = تعذّر الحفظ: مستخدم أو دور غير معروف.
admin-only = هذه الصفحة مخصصة للمديرين.
nav-admin = الإدارة
admin-nav = صفحات الإدارة
admin-users-pending = بانتظار الموافقة
admin-users-approve = موافقة
admin-invite-title = الدعوات
admin-invite-text = عندما يكون التسجيل بالدعوة فقط، يسجّل الأشخاص باستخدام رمز. يصلح كل رمز لمرة واحدة.
admin-invite-submit = إنشاء رمز دعوة
admin-invite-created = رمز دعوة جديد (يُعرض الآن فقط):
admin-settings-title = إعدادات الخادم
admin-settings-name = الاسم
admin-settings-description = الوصف
admin-settings-contact = التواصل
admin-settings-contact-hint = عنوان بريد إلكتروني أو صفحة ويب يمكن للناس من خلالها التواصل مع القائمين على هذا الخادم. يظهر في صفحة «حول».
admin-settings-licence = ترخيص المحتوى
admin-settings-licence-hint = كل ما يكتبه الناس هنا يُنشر بموجب هذا الترخيص. يظهر في تذييل الصفحة وفي كل مدخل، وتنسخ الخوادم الأخرى المدخلات بموجبه.
admin-settings-languages = اللغات
admin-settings-languages-hint = وسوم اللغات التي يعمل بها المجتمع، مفصولة بفواصل، مثلًا en, de, fr.
admin-settings-registration = من يمكنه إنشاء حساب
admin-settings-private = خادم خاص: القراءة متاحة فقط للمستخدمين المسجّلين دخولهم
admin-settings-private-peers = يمكن للاتحاد الاتصال بخوادم شريكة على عناوين خاصة وعناوين الاسترجاع المحلي (loopback) (للشبكات المحلية فقط)
registration-open = أي شخص (تسجيل مفتوح)
registration-approval = أي شخص، بعد موافقة أحد المديرين
registration-invite = فقط من لديه رمز دعوة
admin-audit-title = سجل التدقيق
admin-audit-action = الحدث
admin-audit-actor = المنفّذ
admin-audit-target = يخص
admin-audit-when = الوقت
admin-audit-detail = التفاصيل
admin-audit-ip = العنوان
setup-title = إعداد هذا الخادم
setup-intro = لا يوجد مدير بعد. أنشئ أول حساب مدير؛ ستُغلق هذه الصفحة فور إنشائه.
setup-submit = إنشاء المدير
setup-closed = هذا الخادم مُعدّ بالفعل.
setup-done = أهلًا بك! أنت المدير. سمِّ خادمك وصِفه هنا.
register-approval = يتحقق أحد المديرين من الحسابات الجديدة قبل أن يتمكن أصحابها من تسجيل الدخول.
register-invite-only = تحتاج إلى رمز دعوة لإنشاء حساب هنا.
register-invite = رمز الدعوة
login-pending = حسابك بانتظار موافقة أحد المديرين.
login-pending-notice = شكرًا لتسجيلك. سيوافق أحد المديرين على حسابك، وبعدها يمكنك تسجيل الدخول.
login-locked = محاولات تسجيل دخول فاشلة كثيرة جدًا. هذا الحساب مقفل؛ حاول مرة أخرى بعد { $seconds ->
    [zero] قليل
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $seconds } ثوانٍ
    [many] { $seconds } ثانية
   *[other] { $seconds } ثانية
}.
limit-title = محاولات كثيرة جدًا
limit-retry = يُرجى الانتظار مدة { $seconds ->
    [zero] قصيرة
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $seconds } ثوانٍ
    [many] { $seconds } ثانية
   *[other] { $seconds } ثانية
} ثم المحاولة مرة أخرى.
bad-input-title = تعذّرت قراءة هذا الطلب
bad-input-control = يحتوي على محارف تحكّم (مثل NUL) لا يقبلها أي عنوان أو حقل. ارجع وأزلها.
bad-input-undecodable = يحتوي عنوانه على بايتات ليست نصًا صالحًا بترميز UTF-8.
account-language = اللغة المفضلة
account-language-browser = حسب ما يطلبه متصفحي
account-language-error = هذه اللغة غير متاحة.
account-password = تغيير كلمة المرور
account-password-current = كلمة المرور الحالية
account-password-new = كلمة المرور الجديدة
account-password-submit = تغيير كلمة المرور
account-password-saved = تم تغيير كلمة مرورك.
hidden-title = مدخل مخفي
hidden-text = أخفى المشرفون هذا المدخل. وهو محفوظ مع سجلّه ليفحصوه.
hidden-reason = السبب:
hidden-by = أخفاه { $name }
action-hide = إخفاء عن القرّاء
action-unhide = إظهار مجددًا
hide-reason = لماذا تخفيه؟
hide-error-reason = اذكر سبب إخفاء المدخل.
notice-hidden = أصبح المدخل مخفيًا عن القرّاء.
notice-unhidden = أصبح المدخل ظاهرًا مجددًا.
hide-error-stale = تغيّر المدخل في هذه الأثناء أو لم يعد موجودًا؛ اطّلع عليه مجددًا ثم أعد المحاولة.
nav-users = المستخدمون
search-site-label = البحث في هذا الموقع
search-title = البحث
search-label = ابحث عن
search-placeholder = ابحث في الإصلاحات والأشياء والأدلة…
search-submit = بحث
search-sort = الترتيب
search-sort-relevance = الأكثر صلة
search-sort-recent = الأحدث
search-facets = تضييق النتائج
search-results = النتائج
search-clear = مسح كل عوامل التصفية
search-count = { $count ->
    [zero] لا نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
search-empty = لم يُعثر على نتائج. جرّب كلمات أخرى، أو كلمات أقل، أو عوامل تصفية أقل.
search-relaxed = لا يوجد مدخل يحتوي على كل كلماتك؛ هذه المدخلات تحتوي على بعضها.
search-corrected = عرض نتائج البحث عن
search-filters = عوامل التصفية
search-filters-chosen = المختار: { $count }
search-rebuilding = يُعاد بناء فهرس البحث؛ قد تغيب بعض المدخلات لبضع دقائق.
search-error-unclosed-quote = توجد علامة اقتباس غير مغلقة. أغلقها، أو احذفها للبحث عن الكلمات كلٍّ على حدة.
search-error-query-too-long = عبارة البحث طويلة جدًا. استخدم 500 حرف على الأكثر.
search-error-too-many-terms = عبارة البحث تحتوي على كلمات كثيرة جدًا. استخدم 32 كلمة على الأكثر.
search-error-dangling-or = يحتاج OR إلى كلمة أو عبارة على كل جانب منه، كما في: pump OR motor.
search-error-dangling-minus = علامة الناقص تستبعد الكلمة التي تليها مباشرة، كما في: pump -kettle.
search-error-bad-parameter = يحتوي رابط البحث هذا على عامل تصفية أو إعداد لا يفهمه الموقع. ابدأ بحثًا جديدًا.
search-error-unavailable = البحث غير متاح حاليًا. حاول مرة أخرى بعد قليل.
facet-kind = النوع
facet-thing-type = نوع الشيء
facet-story-type = نوع القصة
facet-guide-type = نوع الدليل
facet-category = الفئة
facet-manufacturer = الشركة المصنّعة
facet-material = المادة
facet-tool = الأداة
facet-language = متوفر باللغة
facet-origin = من الخادم
related-knowledge = معرفة ذات صلة
search-applies-to = كل قصص الإصلاح والأدلة الخاصة به وبأجزائه وفئته
search-related = كل ما يبعد عنه خطوتين على الأكثر

## Federation
nav-moderation = الإشراف
federation-title = الاتحاد
federation-connect = الاتصال بخادم آخر
federation-connect-text = أدخل عنوان خادم ThingData آخر. سيجلب هذا الخادم وصفه ويرسل إليه طلب اتصال، يقبله مديروه أو يرفضونه.
federation-url = العنوان
federation-connect-submit = إرسال طلب الاتصال
federation-peers = الخوادم الشريكة
federation-none = لا توجد خوادم شريكة بعد.
federation-peer = الخادم
federation-state = الاتصال
federation-trust = الثقة
federation-last-contact = آخر تواصل
federation-exchanged = المراجعات
federation-in = واردة:
federation-out = صادرة:
federation-key = المفتاح
federation-actor = مستند الفاعل (Actor)
federation-accept = قبول
federation-refuse = رفض
federation-disconnect = قطع الاتصال
federation-me = هذا الخادم
federation-me-text = تتصل الخوادم الأخرى بهذا العنوان، وترى هذا المفتاح على كل مراجعة تُجرى هنا.
federation-state-requested = أُرسل الطلب، بانتظار ردّهم
federation-state-pending = يطلب الاتصال
federation-state-connected = متصل
federation-state-refused = مرفوض
federation-state-blocked = محظور
federation-state-undelivered = لم يُسلَّم الطلب
federation-retry = إعادة إرسال الطلب
provenance-label = مصدر هذا المدخل
provenance-origin = شاركه { $instance }.
provenance-origin-link = اعرضه في مصدره ({ $url })
provenance-delivered = استُلمت النسخة الحالية من { $instance }:
provenance-trust-untrusted = قبله خبير بعد الفحص
provenance-trust-verified = من خادم شريك مُتحقَّق منه
provenance-trust-trusted = من خادم شريك موثوق
provenance-trust-preferred = من خادم شريك مفضَّل
provenance-trust-blocked = من خادم شريك محظور الآن
federation-capabilities = يدعم:
federation-trust-untrusted = غير موثوق: يفحص الخبراء ما يرسله
federation-trust-verified = مُتحقَّق منه: يُقبل ما يرسله مع تمييزه
federation-trust-trusted = موثوق: يُقبل ما يرسله كالتعديلات المحلية
federation-trust-preferred = مفضَّل: موثوق، ويفوز طرفه في التعارضات التلقائية
federation-trust-blocked = محظور: لا يُتبادل أي محتوى
federation-error-url = هذا العنوان غير صالح. استخدم عنوان الخادم، مثل https://repair.example.
federation-error-yourself = هذا هو عنوان هذا الخادم نفسه.
federation-error-not-instance = لا يوجد على هذا العنوان ما يعرّف نفسه كخادم ThingData.
federation-error-private = هذا العنوان على شبكة خاصة أو محلية. يمكن للمدير السماح بمثل هذه الخوادم الشريكة في إعدادات الخادم.
federation-error-unreachable = تعذّر الوصول إلى الخادم.
federation-error-not-delivered = لم يقبل الخادم الآخر طلب الاتصال. ردّه أدناه؛ تحقّق من العنوان، أو اسأل مديره إن كان يقبل طلبات من هذا الخادم، ثم أرسل الطلب مرة أخرى.
federation-error-blocked = حظر هذا الخادم ذلك الخادم الشريك.
federation-error-state = لا يمكن ذلك في الحالة الحالية للخادم الشريك.
moderation-title = قائمة انتظار الإشراف
moderation-intro = تنتظر هنا التغييرات الواردة من خوادم لم تُمنح الثقة بعد، حتى يقبلها خبير أو يرفضها. تُنشر التغييرات المقبولة مثل التغييرات المحلية.
moderation-none = لا يوجد ما ينتظر الفحص.
moderation-from = مُستلم من
moderation-received = تاريخ الاستلام
moderation-author = بواسطة
moderation-accept = قبول
moderation-reject = رفض
moderation-experts-only = لا يفحص التغييرات الواردة من خوادم أخرى إلا الخبراء والمشرفون والمديرون.
moderation-op-create = جديد
moderation-op-update = تعديل
moderation-op-delete = حذف
moderation-changes-known = ما يغيّره، مقارنةً بالنسخة الموجودة هنا
moderation-changes-new = محتواه: المدخل جديد هنا
moderation-here = الموجود هنا الآن
moderation-theirs = في هذا التغيير
moderation-no-changes = لا يغيّر هذا التغيير أي جزء من المحتوى.

# Audit log events, by their code.
audit-conflict-resolve = حلّ تعارضًا
audit-entity-delete = حذف مدخلًا
audit-entity-hide = أخفى مدخلًا
audit-entity-unhide = أظهر مدخلًا مجددًا
audit-instance-key = أنشأ مفتاح الخادم
audit-invite-create = أنشأ دعوة
audit-login-failure = فشل تسجيل الدخول
audit-login-locked = قُفل الحساب بعد محاولات دخول فاشلة
audit-login-success = سجّل الدخول
audit-secret-key = أنشأ المفتاح السري
audit-settings-change = غيّر إعدادات الخادم
audit-setup-admin = أنشأ أول مدير
audit-token-create = أنشأ رمز وصول API
audit-user-approve = وافق على حساب
audit-user-disable = عطّل حسابًا
audit-user-enable = فعّل حسابًا
audit-user-password = غيّر كلمة مرور
audit-user-register = سجّل حسابًا
audit-user-role = غيّر دورًا
audit-federation-accept = نشر مراجعة محتجزة
audit-federation-reject = رفض مراجعة محتجزة
audit-keys-rotate = استبدل مفتاح الخادم
audit-peer-accept = قبل اتصالًا
audit-peer-refuse = رفض اتصالًا أو أنهاه
audit-peer-request = طلب اتصالًا
audit-peer-trust = غيّر مستوى الثقة بخادم شريك

about-title = حول { $name }
about-contact = التواصل
about-address = العنوان
about-licence = ترخيص المحتوى
about-languages = لغات مجتمعه
about-registration = من يمكنه الانضمام
about-licence-heading = استخدام ما تجده هنا
about-licence-text = كل ما يكتبه الناس هنا منشور بموجب { $licence }. يمكنك نسخه وتعديله ومشاركته، حتى على مواقع أخرى، بشرط أن تذكر مصدره؛ ويضم سجل كل مدخل أسماء مؤلفيه.
about-federation = المشاركة مع خوادم أخرى
about-federation-text = هذا الموقع واحد من عدة خوادم ThingData مستقلة تديرها مقاهي الإصلاح ومراكز إعادة الاستخدام وفرق الصيانة. تتبادل الخوادم التي اتفقت على الاتصال فيما بينها مدخلاتها: كل تغيير هو مراجعة موقّعة، لذا يمكن التحقق من كل نسخة بمطابقتها مع الخادم الذي جاءت منه، ويذكر كل مدخل أين كُتب. أما مدى ثقة هذا الموقع بخادم آخر فأمر يقرره مديروه: التغييرات الواردة من خوادم لا يثق بها بعد تنتظر أن يفحصها خبير.
about-federation-none = هذا الخادم غير متصل بأي خادم آخر بعد.
about-federation-peers = { $count ->
    [zero] هذا الخادم غير متصل بأي خادم آخر.
    [one] هذا الخادم متصل بخادم آخر واحد:
    [two] هذا الخادم متصل بخادمين آخرين:
    [few] هذا الخادم متصل بـ{ $count } خوادم أخرى:
    [many] هذا الخادم متصل بـ{ $count } خادمًا آخر:
   *[other] هذا الخادم متصل بـ{ $count } خادم آخر:
}
about-help-link = مساعدة للمساهمين والخبراء والمديرين
about-api-link = الواجهة البرمجية (API) للبرامج

help-title = المساعدة
help-intro = إرشادات موجزة للمشاركة: كتابة المدخلات وتحسينها، وحسم التعديلات المتعارضة، والفحص والإشراف، وإدارة خادم.
help-back = كل مواضيع المساعدة
help-for-members = لكل من يساهم
help-for-experts = للخبراء والمشرفين
help-for-admins = للمديرين
help-contributing-title = كتابة المدخلات وتحسينها
help-contributing-summary = ما هي الأشياء وقصص الإصلاح والأدلة والعلاقات، وكيف تُضاف وتُعدَّل.
help-contributing-p1 = الشيء هو جهاز أو مكوّن أو مادة أو أداة. وقصة الإصلاح تحكي كيف جرت عملية إصلاح واحدة: المشكلة، والخطوات، وما انتهى إليه الأمر. أما الدليل فهو إجراء يُقصد اتباعه مرة بعد مرة، بمتطلباته وتحذيراته وخطواته. وتربط العلاقة بين مدخلين، مثلًا بين قطعة غيار والأجهزة التي تناسبها.
help-contributing-p2 = لإضافة مدخل، اختر «الأشياء» أو «قصص الإصلاح» أو «الأدلة» من القائمة، ثم زر الإضافة؛ ولتحسين مدخل، افتحه واختر «تعديل». سجّل الدخول أولًا: إن لم تكن قد سجّلت الدخول عند الحفظ، يطلب منك الموقع ذلك، ويحتفظ بما كتبته لتتمكن من حفظه بعدها.
help-contributing-p3 = اكتب باللغة التي تتقنها أكثر من غيرها، وحدّد أي لغة هي. يمكن للآخرين إضافة ترجمات بلغاتهم، ويعرض كل نص ملاحظة عندما لا يكون قد تُرجم بعد إلى لغة القارئ.
help-contributing-p4 = إن كان في النموذج ما يحتاج إلى تصحيح، يسرد الموقع كل مشكلة في أعلى النموذج وبجانب حقلها، ولا يضيع حرف مما كتبته.
help-contributing-p5 = تُحفظ كل عملية حفظ كمراجعة. يعرض «السجل» في كل مدخل من غيّر ماذا ومتى؛ وتُظهر «المقارنة» الفرق بين نسختين، ويُعيد «الرجوع» نسخة سابقة في صورة مراجعة جديدة، فلا يضيع أي عمل أبدًا.
help-conflicts-title = عندما يتصادم تعديلان
help-conflicts-summary = كيف تُدمج التعديلات التي تجري في الوقت نفسه، وكيف يُحسم التعارض.
help-conflicts-p1 = قد يغيّر شخصان، أو خادمان، المدخل نفسه في الوقت نفسه. فإذا طالت تغييراتهما حقولًا مختلفة، يُحتفظ بكليهما ويُدمجان دون أن يحتاج أحد إلى التدخل.
help-conflicts-p2 = أما إذا غيّر كلاهما الحقل نفسه بطريقتين مختلفتين، فيحتفظ المدخل بنسخته الحالية، ويشير إلى وجود تعارض مفتوح، ويظهر التعارض في صفحة «التعارضات». وفي هذه الأثناء تُحفظ التعديلات على الحقول الأخرى كالمعتاد.
help-conflicts-p3 = يفتح الخبير التعارض، فيرى الطرفين في كل حقل متنازع عليه، ويختار أحدهما أو يكتب نسخة تجمع بينهما. وعند حفظ الاختيار يُحسم التعارض بمراجعة جديدة تسجّل الطرفين كليهما بوصفهما أصلين لها.
help-moderating-title = الفحص والإشراف
help-moderating-summary = فحص التغييرات الواردة من خوادم أخرى، وإخفاء المدخلات وحذفها.
help-moderating-p1 = يفحص الخبراء ما ترسله الخوادم التي لم تُمنح الثقة بعد: تسرد صفحة «الإشراف» كل تغيير محتجز مع محتواه ومدى اختلافه عن النسخة الموجودة هنا. يؤدي «قبول» إلى نشره، ويؤدي «رفض» إلى إسقاطه مع التغييرات المحتجزة المبنية عليه.
help-moderating-p2 = يمكن للمشرفين إخفاء مدخل لا ينبغي عرضه، مع ذكر السبب: فلا يرى القرّاء حينها إلا أنه أُخفي، ولماذا. ويعيده «إظهار مجددًا» مرئيًا. ويمكن للمشرفين أيضًا حذف مدخل؛ فيبقى سجلّه متاحًا للقراءة، ويمكن استعادته بالرجوع إلى نسخة سابقة من السجل.
help-moderating-p3 = يرى المشرفون صفحة «المستخدمون»، حيث يمكنهم الموافقة على الحسابات الجديدة (عندما يشترط الخادم الموافقة) وتعطيل الحسابات التي يسيء أصحابها التصرف. ويُسجَّل كل إجراء من هذا النوع في سجل التدقيق.
help-administering-title = إدارة خادم
help-administering-summary = الإعدادات، والأشخاص والأدوار، والاتصال بخوادم أخرى.
help-administering-p1 = في «الإدارة»، تضم «إعدادات الخادم» الاسم والوصف اللذين يراهما الناس، وجهة التواصل المعروضة في صفحة «حول»، والترخيص الذي يُنشر المحتوى بموجبه، ولغات المجتمع، ومن يمكنه التسجيل (أي شخص؛ أو أي شخص بعد الموافقة؛ أو فقط من لديه رمز دعوة)، وما إذا كانت القراءة مقتصرة على من سجّلوا الدخول.
help-administering-p2 = تسرد صفحة «المستخدمون» كل الحسابات: امنح الأشخاص أدوارًا (عضو، خبير، مشرف، مدير)، ووافق على الحسابات أو عطّلها، وأنشئ رموز دعوة. ويسجّل سجل التدقيق من فعل ماذا ومتى.
help-administering-p3 = تربط صفحة «الاتحاد» هذا الخادم بخوادم أخرى: أدخل عنوان الخادم الآخر وأرسل طلبًا، فيقبله مديروه من جهتهم. وإذا تعذّر تسليم الطلب، تذكر الصفحة السبب وتعرض إعادة إرساله.
help-administering-p4 = لكل خادم متصل مستوى ثقة. غير موثوق: تنتظر تغييراته أن يفحصها خبير. مُتحقَّق منه: تُقبل تغييراته وتُميَّز بذلك. موثوق: تُقبل تغييراته كالتعديلات المحلية. مفضَّل: كالموثوق، ويفوز طرفه في التعارضات التلقائية حيث تسمح القواعد. محظور: لا يُتبادل أي محتوى.

person-title = مساهمات { $name }
person-intro = أحدث التغييرات التي أجراها هذا الشخص على هذا الخادم، الأحدث أولًا.

## Translation management
outdated-note = (تغيّر الأصل منذ ترجمة هذا النص)
action-translate = ترجمة
nav-translate = الترجمة
notice-translated = تم حفظ الترجمة.
queue-title = قائمة انتظار الترجمة
queue-intro = مدخلات فيها نصوص لم تُترجم بعد إلى لغة ما، أو تغيّر أصلها منذ ترجمتها. تظهر الأكثر مشاهدةً أولًا.
queue-language = اللغة
queue-kind = النوع
queue-kind-all = كل الأنواع
queue-sort = الترتيب
queue-sort-views = الأكثر مشاهدةً أولًا
queue-sort-searches = الأكثر بحثًا عنها أولًا
queue-show = عرض
queue-bad-query = عامل التصفية هذا غير صالح، لذا تُعرض قائمة الانتظار كاملة.
queue-empty = لم يبقَ شيء للترجمة إلى { $language }.
queue-entry = المدخل
queue-views = المشاهدات
queue-searches = عمليات البحث
state-original = الأصل
state-missing = مفقودة
state-current = محدَّثة
state-outdated = قديمة
state-reviewed = مُدقَّقة
completeness-title = اكتمال الترجمة
completeness-intro = عدد النصوص المترجمة إلى كل لغة من لغات المحتوى، حسب النوع. النصوص المكتوبة بلغة ما لا تُحتسب لتلك اللغة.
percent = { $n }٪
sheet-title = ترجمة «{ $label }» إلى { $language }
sheet-intro = يظهر أصل كل نص على اليمين وترجمته على اليسار. يسجّل الحفظ مراجعة جديدة واحدة لا تغيّر إلا هذه اللغة، فيستطيع مترجمون آخرون العمل في الوقت نفسه.
sheet-written-in = مكتوب باللغة { $language }: لا شيء للترجمة.
sheet-translation = الترجمة ({ $language })
sheet-original = الأصل ({ $language })
sheet-still-matches = ما زالت الترجمة مطابقة للأصل المعدَّل
sheet-reviewed = مُدقَّقة: دقّقتُ هذه الترجمة مقارنةً بالأصل
sheet-changes = ما تغيّر في الأصل منذ الترجمة:
sheet-problems = تعذّر حفظ بعض الترجمات؛ النصوص المعنية مُعلَّمة.
sheet-save = حفظ الترجمات

## The API page: each operation in words
api-op-get-entity = سرد مدخلات هذا النوع، الأحدث أولًا، مع عوامل التصفية والتقسيم إلى صفحات
api-op-post-entity = إنشاء مدخل
api-op-get-entity-id = قراءة مدخل
api-op-put-entity-id = استبدال مدخل
api-op-patch-entity-id = تغيير بعض حقول مدخل (JSON merge patch)
api-op-delete-entity-id = حذف مدخل وعلاقاته (يبقى سجلّه محفوظًا)
api-op-get-entity-id-history = مراجعات مدخل، الأقدم أولًا
api-op-get-entity-id-diff = ما تغيّر بين مراجعتين لمدخل
api-op-post-entity-id-revert = جعل مراجعة سابقة هي الحالية مجددًا
api-op-post-entity-id-hide = إخفاء مدخل عن القرّاء (للمشرفين)
api-op-post-entity-id-unhide = إظهار مدخل مخفي مجددًا (للمشرفين)
api-op-get-entity-id-relationships = علاقات مدخل، الصادرة والواردة
api-op-get-entity-id-graph = جوار مدخل في مخطط المعرفة، حتى ثلاث خطوات
api-op-post-preflight = فحص مدخل أو دفعة من المدخلات دون حفظ أي شيء
api-op-get-conflicts = التعارضات المفتوحة، الأقدم أولًا
api-op-get-conflicts-id = تعارض: النسخة المشتركة، والطرفان، والحقول المتنازع عليها
api-op-post-conflicts-id-resolve = حلّ تعارض
api-op-get-federation-peers = الخوادم التي يتبادل معها هذا الخادم المعرفة (كل التفاصيل للمديرين)
api-op-post-federation-peers = طلب الاتصال بخادم آخر (للمديرين)
api-op-put-federation-peers-id = تحديد مدى الثقة بخادم شريك (للمديرين)
api-op-post-federation-peers-id-accept = قبول طلب اتصال (للمديرين)
api-op-post-federation-peers-id-refuse = رفض طلب أو إنهاء اتصال (للمديرين)
api-op-get-federation-held = مراجعات من خوادم شريكة غير موثوقة تنتظر الفحص (للخبراء)
api-op-post-federation-held-id-accept = قبول مراجعة محتجزة (للخبراء)
api-op-post-federation-held-id-reject = رفض مراجعة محتجزة (للخبراء)
api-op-get-search = البحث في الأشياء وقصص الإصلاح والأدلة، مع التصفية حسب الأوجه وحسب شبكة العلاقات
api-op-get-search-suggest = عناوين تُكمل ما تجري كتابته
api-op-get-translations-queue = ما تبقّى للترجمة إلى لغة ما، الأكثر مشاهدةً أولًا
api-op-get-translations-completeness = مقدار ما تُرجم، حسب اللغة والنوع
api-op-post-media = رفع صورة أو مستند PDF (الأعضاء)
api-op-get-media-hash = ما هو ملف الوسائط وأين تُقدَّم أجزاؤه
api-op-get-media-hash-part = بايتات ملف الوسائط: الأصل أو نسخة أصغر
api-op-get-openapi-json = مستند OpenAPI لهذه الواجهة البرمجية
api-op-get-health = الحالة والإصدار والمكوّنات والإحصاءات
api-op-get-metrics = مقاييس لـ Prometheus

graph-heading = مخطط المعرفة
graph-reach = المدى:
graph-hops = { $count ->
    [zero] { $count } خطوة
    [one] خطوة واحدة
    [two] خطوتان
    [few] { $count } خطوات
   *[other] { $count } خطوة
}
graph-none = لا شيء مرتبط بهذا المدخل بعد.
graph-hub = { $label } ({ $count } رابط)
graph-truncated = تظهر أقرب { $count } مدخلات فقط.
graph-as-list = المخطط كقائمة
nav-explore = استكشاف
explore-title = استكشاف مخطط المعرفة
explore-intro = ابدأ ببحث أو بمدخل، ثم افتح المدخلات لترى بماذا ترتبط. كل عرض رابط يمكنك مشاركته.
explore-find = ابحث عن نقطة بداية
explore-start-from = ابدأ من
explore-entries = المدخلات المعروضة
explore-open = فتح
explore-close = إغلاق
explore-recentre = ابدأ من هنا
explore-unknown = لا يوجد شيء أو قصة أو دليل بهذا المعرّف.

# Category taxonomy
kind-category = فئة
kind-category-plural = الفئات
action-create-category = إضافة فئة
vocab-category = فئة
nav-categories = الفئات
field-categories = الفئات
field-parents = الفئات الأم
field-synonyms = أسماء أخرى
field-ords-id = فئة معيار Open Repair Data
field-wikidata = عنصر ويكي بيانات
hint-wikidata = الحرف Q تليه أرقام، مثل Q11111
problem-invalid_wikidata = يجب أن يكون عنصرًا من ويكي بيانات: الحرف Q تليه أرقام.
problem-category_cycle = لا يمكن أن تكون الفئة سلفًا لنفسها: { $parent } تقع تحتها بالفعل.
problem-merge_target = يجب أن تكون فئة أخرى، غير مدمجة هي نفسها وليست تحت هذه الفئة.
categories-title = الفئات
categories-intro = تصفّح حسب نوع المنتج. تَعُدّ الفئة المدخلات المصنّفة تحتها وتحت كل فئة أدنى منها، كل مدخل مرة واحدة.
categories-none = لا توجد فئات بعد.
categories-count = { $count } مدخلات
categories-filed-under = مصنّف تحت:
categories-top = فئة من المستوى الأعلى
categories-children = الفئات الفرعية
categories-add-child = إضافة فئة فرعية
categories-search = ابحث في هذه الفئة
categories-merge-title = الدمج في فئة أخرى
categories-merge-help = كل ما صُنّف هنا، وكل فئة فرعية، ينتقل إلى الفئة التي تختارها. ويبقى عنوان هذه الفئة مؤديًا إليها.
categories-merge-into = الدمج في
categories-merge-button = دمج
categories-merged-notice = تم الدمج: انتقل إلى هنا { $count } من الإدخالات والفئات الفرعية.
categories-merged-into = دُمجت هذه الفئة في
categories-merge-error-choose = اختر الفئة التي يُدمج فيها.
categories-merge-error-target = لا يمكن دمج فئة في نفسها أو في فئة مدمجة أو في فئة تحتها.
categories-merge-error-stale = تغيّر إدخال في الأثناء؛ أعد النظر وحاول مجددًا.
categories-empty = لم يُصنَّف شيء هنا بعد.
categories-see-all = عرض الكل
categories-chosen = تم اختيار { $count }
unfiled-title = فئات قديمة بحاجة إلى تصنيف
unfiled-link = فئات قديمة بانتظار التصنيف
unfiled-intro = مدخلات ما زالت تحمل فئة نصية حرة (القصص والأدلة) أو الجزء الأول من معرّفها فقط (الأشياء)، ولا تحمل فئة من التصنيف. صنّف كل نص تحت فئة: تُصنَّف كل المدخلات التي تحمله دفعة واحدة وتحتفظ بنصها.
unfiled-done = تم تصنيف { $count } من المدخلات.
unfiled-error-choose = اختر فئة لتصنيف هذه المدخلات تحتها.
unfiled-error-stale = تغيّرت بعض المدخلات في الأثناء وتُركت كما هي؛ ما صُنّف يبقى مصنّفًا. حاول مرة أخرى.
unfiled-none = كل مدخل ذي فئة قديمة مصنّف في التصنيف.
unfiled-file-matching = صنّف كل ما يطابق اسم فئة
unfiled-text = الفئة القديمة
unfiled-entries = المدخلات
unfiled-file-under = صنّف تحت
unfiled-choose = اختر فئة
unfiled-file = صنّف
api-op-get-entity-tree = تصنيف الفئات كشجرة مع الأعداد
api-op-get-entity-unfiled = الفئات الحرة القديمة للمدخلات غير المصنّفة بعد
api-op-post-entity-unfiled = تصنيف المدخلات ذات الفئة القديمة تحت فئة
api-op-post-entity-id-merge = دمج فئة في فئة أخرى
