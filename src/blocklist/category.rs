// SPDX-License-Identifier: MIT OR Apache-2.0
//! What an entry is listed for ([`Category`]) and when it was first reported ([`Day`]).

use core::fmt;

/// Why an address is listed. The ids ([`Category::id`]) and one-byte codes are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Category {
    /// Scam compounds and "pig-butchering" investment fraud.
    ScamCompound,
    /// Romance scams.
    RomanceScam,
    /// Phishing sites and wallet drainers.
    PhishingDrainer,
    /// Address poisoning (look-alike addresses planted in a wallet's history).
    AddressPoisoning,
    /// Sanctioned by a government (OFAC SDN, ...).
    Sanctioned,
    /// Money laundering.
    MoneyLaundering,
    /// Anything else a source reported.
    Other,
}

impl Category {
    /// Every category, in code order.
    pub const ALL: [Category; 7] = [
        Category::ScamCompound,
        Category::RomanceScam,
        Category::PhishingDrainer,
        Category::AddressPoisoning,
        Category::Sanctioned,
        Category::MoneyLaundering,
        Category::Other,
    ];

    /// The stable machine id, e.g. `"scam-compound"`.
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::blocklist::Category;
    /// assert_eq!(Category::PhishingDrainer.id(), "phishing-drainer");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Category::ScamCompound => "scam-compound",
            Category::RomanceScam => "romance-scam",
            Category::PhishingDrainer => "phishing-drainer",
            Category::AddressPoisoning => "address-poisoning",
            Category::Sanctioned => "sanctioned",
            Category::MoneyLaundering => "money-laundering",
            Category::Other => "other",
        }
    }

    /// The category with this id, if any (exact, lowercase).
    pub fn from_id(id: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The byte stored in a list (1..=7). Stable: never renumber.
    pub const fn code(self) -> u8 {
        self as u8 + 1
    }

    /// The category stored as `code`, if any.
    pub fn from_code(code: u8) -> Option<Category> {
        Category::ALL
            .get(usize::from(code.checked_sub(1)?))
            .copied()
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A calendar day, stored as days since 1970-01-01. Day 0 means "date unknown".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Day(pub u32);

impl Day {
    /// The "date unknown" value.
    pub const UNKNOWN: Day = Day(0);

    /// The day containing the Unix time `seconds`.
    pub const fn from_unix_seconds(seconds: u64) -> Day {
        let days = seconds / 86_400;
        Day(if days > u32::MAX as u64 {
            u32::MAX
        } else {
            days as u32
        })
    }

    /// Parses `YYYY-MM-DD` (a real calendar date from 1970-01-02 on).
    ///
    /// # Examples
    /// ```
    /// use wallet_risk::blocklist::Day;
    /// let day = Day::parse("2024-09-27").unwrap();
    /// assert_eq!(day.to_string(), "2024-09-27");
    /// assert!(Day::parse("2024-02-30").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Day> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |s: &str| -> Option<u32> {
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        let (y, m, d) = (num(&text[0..4])?, num(&text[5..7])?, num(&text[8..10])?);
        if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d == 0 {
            return None;
        }
        let days = days_from_civil(y, m, d);
        // Reject 2024-02-30 and friends: the round trip must give the same date back.
        (civil_from_days(days) == (y, m, d) && days > 0).then_some(Day(days))
    }

    /// Whether the date is unknown.
    pub const fn is_unknown(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms",
// <https://howardhinnant.github.io/date_algorithms.html>, days_from_civil / civil_from_days,
// restricted to dates from 1970 on (so everything stays unsigned).
fn days_from_civil(y: u32, m: u32, d: u32) -> u32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe).wrapping_sub(719_468)
}

fn civil_from_days(days: u32) -> (u32, u32, u32) {
    let z = u64::from(days) + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y as u32, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_codes_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
            assert_eq!(Category::from_id(c.id()), Some(c));
        }
        assert_eq!(Category::from_code(0), None);
        assert_eq!(Category::from_code(8), None);
    }

    #[test]
    fn days_round_trip() {
        assert_eq!(Day::parse("1970-01-02"), Some(Day(1)));
        assert_eq!(Day::parse("2000-03-01").unwrap().to_string(), "2000-03-01");
        assert_eq!(
            Day::from_unix_seconds(1_727_395_200).to_string(),
            "2024-09-27"
        );
        for text in [
            "1970-01-01",
            "2023-02-29",
            "2024-13-01",
            "24-01-01",
            "2024-1-01",
            "+024-01-01",
        ] {
            assert_eq!(Day::parse(text), None, "{text}");
        }
    }
}
