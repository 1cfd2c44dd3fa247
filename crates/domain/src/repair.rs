//! Repair records: one attempt at one item, in the Open Repair Data Standard's (ORDS
//! v0.3) fields plus ThingData's `x_` extensions, and their field table.

use crate::fields::{choice, formatted, opt, req, text, Field, Format, Shape, Vocab, HIDDEN};
use crate::model::Hidden;
use serde::{Deserialize, Serialize};

/// ORDS `repair_status` values.
pub const STATUSES: [&str; 4] = ["Fixed", "Repairable", "End of life", "Unknown"];
pub const FIXED: &str = "Fixed";
pub const END_OF_LIFE: &str = "End of life";

/// ORDS `repair_barrier_if_end_of_life` values.
pub const BARRIERS: [&str; 6] = [
    "Spare parts not available",
    "Spare parts too expensive",
    "No way to open product",
    "Repair information not available",
    "Lack of equipment",
    "Too worn out",
];

/// The built-in fault types; admins add more as `fault-types` terms.
pub const FAULT_TYPES: [&str; 10] = [
    "no_power",
    "electrical",
    "electronic",
    "mechanical",
    "battery",
    "cable_connector",
    "software",
    "structural",
    "dirt_blockage",
    "wear",
];

/// The Open Repair Data Standard v0.3 product categories: `product_category_id` and
/// `product_category` as records carry them (openrepair/data, CC BY-SA 4.0).
pub const ORDS_CATEGORIES: [(u32, &str); 40] = [
    (1, "Aircon/dehumidifier"),
    (2, "Battery/charger/adapter"),
    (3, "Decorative or safety lights"),
    (4, "Desktop computer"),
    (5, "Digital compact camera"),
    (6, "DSLR/video camera"),
    (7, "Fan"),
    (8, "Flat screen"),
    (9, "Hair & beauty item"),
    (10, "Handheld entertainment device"),
    (11, "Headphones"),
    (12, "Hi-Fi integrated"),
    (13, "Hi-Fi separates"),
    (14, "Kettle"),
    (15, "Lamp"),
    (16, "Laptop"),
    (17, "Large home electrical"),
    (18, "Misc"),
    (19, "Mobile"),
    (20, "Musical instrument"),
    (21, "Paper shredder"),
    (22, "PC accessory"),
    (23, "Portable radio"),
    (24, "Power tool"),
    (25, "Printer/scanner"),
    (26, "Projector"),
    (27, "Sewing machine"),
    (28, "Small home electrical"),
    (29, "Small kitchen item"),
    (30, "Tablet"),
    (31, "Toaster"),
    (32, "Toy"),
    (33, "TV and gaming-related accessories"),
    (34, "Vacuum"),
    (35, "Watch/clock"),
    (36, "Coffee maker"),
    (37, "Food processor"),
    (38, "Games console"),
    (39, "Hair dryer"),
    (40, "Iron"),
];

/// The ORDS name of a category id.
pub fn ords_name(id: u32) -> Option<&'static str> {
    ORDS_CATEGORIES
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, name)| *name)
}

/// ORDS' own category for items no other category fits: the method needs a weight
/// estimate for these.
pub const MISC_CATEGORY: u32 = 18;
/// The highest `product_category_id` accepted (ORDS v0.3 has 40; later versions may add).
pub const MAX_CATEGORY_ID: u32 = 99;

/// One repair attempt. Field names are ORDS' own (`id` is `record_id` here, as the
/// entry has its own id); ThingData's additions start with `x_`, as ORDS allows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repair {
    /// ORDS `id`: the record's id at its data provider (`rctoronto_6912`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    pub data_provider: String,
    /// ISO 3166 alpha-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_product_category: Option<String>,
    pub product_category: String,
    pub product_category_id: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_of_manufacture: Option<String>,
    /// Years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_age: Option<f64>,
    pub repair_status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repair_barrier_if_end_of_life: Option<String>,
    /// The group that held the event: the record's only place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_identifier: Option<String>,
    /// YYYY-MM-DD.
    pub event_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// The model (a thing) that was repaired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_thing_id: Option<String>,
    /// The story or guide that was followed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_story_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_guide_id: Option<String>,
    /// The event it was repaired at, when the group recorded one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_event_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_fault_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_part_replaced: Option<String>,
    /// The item's weight estimate in kg, which the method uses for Misc items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_weight_kg: Option<f64>,
    /// Whether the item runs on electricity; unknown counts as powered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x_powered: Option<bool>,
    /// Set by a moderator: the entry stays in history but is not shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

impl Repair {
    /// "Kettle · Fixed · 2025-06-07", for lists and links.
    pub fn label(&self) -> String {
        let what = self
            .partner_product_category
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or(&self.product_category);
        format!("{what} · {} · {}", self.repair_status, self.event_date)
    }
}

const ENTITY_ID: Shape = formatted(64, Format::EntityId);
const NAME: Shape = text(crate::fields::MAX_NAME);

pub(crate) const FIELDS: &[Field] = &[
    opt("record_id", text(100)),
    req("data_provider", NAME),
    // Longer than three letters, so a country's name is reported as not being a code.
    opt("country", formatted(60, Format::Country)),
    opt("partner_product_category", NAME),
    // Named from `product_category_id` when left out (see `name_category`).
    opt("product_category", NAME),
    req(
        "product_category_id",
        Shape::Number {
            min: 1.0,
            max: MAX_CATEGORY_ID as f64,
            whole: true,
        },
    ),
    opt("brand", NAME),
    opt("year_of_manufacture", formatted(4, Format::Year)),
    opt(
        "product_age",
        Shape::Number {
            min: 0.0,
            max: 200.0,
            whole: false,
        },
    ),
    req("repair_status", choice(Vocab::RepairStatuses, 20)),
    opt(
        "repair_barrier_if_end_of_life",
        choice(Vocab::RepairBarriers, 60),
    ),
    opt("group_identifier", NAME),
    req("event_date", formatted(10, Format::Day)),
    opt("problem", text(crate::fields::MAX_TEXT)),
    opt("x_thing_id", ENTITY_ID),
    opt("x_story_id", ENTITY_ID),
    opt("x_guide_id", ENTITY_ID),
    opt("x_event_id", ENTITY_ID),
    opt(
        "x_fault_type",
        choice(Vocab::FaultTypes, crate::vocab::MAX_KEY),
    ),
    opt("x_part_replaced", NAME),
    opt("x_weight_kg", Shape::Measure),
    opt("x_powered", Shape::Flag),
    HIDDEN,
];

/// `YYYY-MM-DD`, a real day.
pub fn is_day(s: &str) -> bool {
    s.len() == 10 && crate::validate::is_partial_date(s)
}

/// Fills `product_category` with the standard's name of `product_category_id` when the
/// input leaves it out: forms choose the category by id.
pub fn name_category(input: &mut serde_json::Value) {
    let Some(m) = input.as_object_mut() else {
        return;
    };
    // Only a name left out is filled in: any other value is the author's, for validation
    // to judge.
    let named = !matches!(
        m.get("product_category"),
        None | Some(serde_json::Value::Null)
    );
    let id = match m.get("product_category_id") {
        // Forms send numbers as floats (14.0).
        Some(serde_json::Value::Number(n)) => n
            .as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 1.0)
            .map(|f| f as u64),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    // A category after ORDS v0.3's 40 is named by its number until a table names it.
    if let (false, Some(id)) = (
        named,
        id.filter(|i| (1..=u64::from(MAX_CATEGORY_ID)).contains(i)),
    ) {
        let name = ords_name(id as u32)
            .map(String::from)
            .unwrap_or_else(|| format!("ORDS category {id}"));
        m.insert("product_category".into(), name.into());
    }
}
