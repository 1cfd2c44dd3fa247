//! Repair events: a group's day of repairs, with who came and how long it ran, and the
//! social figures they give (Restarters' hours volunteered).

use crate::fields::{formatted, opt, req, text, Field, Format, Shape, HIDDEN, MAX_NAME, MAX_TEXT};
use crate::model::Hidden;
use serde::{Deserialize, Serialize};

/// One event of a repair group. No names of people are kept: only how many came.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// The group holding it, as its records name it (ORDS `group_identifier`).
    pub group_identifier: String,
    /// YYYY-MM-DD.
    pub event_date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A venue or a town: never a person's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// ISO 3166 alpha-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// People who brought items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participants: Option<u32>,
    /// Fixers and helpers, the host not included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volunteers: Option<u32>,
    /// How long the event ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden: Option<Hidden>,
}

impl Event {
    /// "Repair Café Toronto · 2025-06-07", or the event's own title with its day.
    pub fn label(&self) -> String {
        let who = self
            .title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.group_identifier);
        format!("{who} · {}", self.event_date)
    }

    /// Hours volunteered as Restarters counts them: the host's 9, plus each volunteer
    /// for the event's length (3 hours when not given); 12 when nobody counted them.
    pub fn hours_volunteered(&self) -> f64 {
        HOST_HOURS
            + match self.volunteers {
                Some(v) => f64::from(v) * self.hours.unwrap_or(DEFAULT_EVENT_HOURS),
                None => UNCOUNTED_VOLUNTEER_HOURS,
            }
    }
}

/// Restarters' figures for hours volunteered (its `hours_volunteered` feature).
pub const HOST_HOURS: f64 = 9.0;
pub const DEFAULT_EVENT_HOURS: f64 = 3.0;
pub const UNCOUNTED_VOLUNTEER_HOURS: f64 = 12.0;

const HEADCOUNT: Shape = Shape::Number {
    min: 0.0,
    max: 100_000.0,
    whole: true,
};

pub(crate) const FIELDS: &[Field] = &[
    req("group_identifier", text(MAX_NAME)),
    req("event_date", formatted(10, Format::Day)),
    opt("title", text(MAX_NAME)),
    opt("place", text(MAX_NAME)),
    opt("country", formatted(60, Format::Country)),
    opt("participants", HEADCOUNT),
    opt("volunteers", HEADCOUNT),
    opt(
        "hours",
        Shape::Number {
            min: 0.0,
            max: 72.0,
            whole: false,
        },
    ),
    opt("notes", text(MAX_TEXT)),
    HIDDEN,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn event(volunteers: Option<u32>, hours: Option<f64>) -> Event {
        Event {
            group_identifier: "g".into(),
            event_date: "2025-06-07".into(),
            title: None,
            place: None,
            country: None,
            participants: None,
            volunteers,
            hours,
            notes: None,
            hidden: None,
        }
    }

    #[test]
    fn hours_volunteered_follow_restarters() {
        assert_eq!(event(Some(5), Some(4.0)).hours_volunteered(), 9.0 + 20.0);
        assert_eq!(event(Some(5), None).hours_volunteered(), 9.0 + 15.0);
        assert_eq!(event(None, Some(4.0)).hours_volunteered(), 21.0);
        assert_eq!(event(Some(0), Some(3.0)).hours_volunteered(), 9.0);
    }
}
