//! The status colours, in one place, for every medium: the 16 colours every terminal (and ssh)
//! has, a colour-blind-safe truecolour palette of the same hues for terminals that say they can,
//! and the paper chart's own colours for XLSX and the printed page — yellow households, red
//! isolation, blue companies not back, green ones back, white vacant, grey unknown. The terminal,
//! `render`, the spreadsheet and the page all ask here. Pure.

use super::status::Status;

/// The 16-colour terminal's colours that the palette uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ansi {
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    /// SGR 100 / 90.
    DarkGray,
    /// SGR 97.
    BrightWhite,
}

impl Ansi {
    /// The SGR code of this colour as a foreground.
    pub fn fg(self) -> u8 {
        match self {
            Ansi::Black => 30,
            Ansi::Red => 31,
            Ansi::Green => 32,
            Ansi::Yellow => 33,
            Ansi::Blue => 34,
            Ansi::DarkGray => 90,
            Ansi::BrightWhite => 97,
        }
    }

    /// The SGR code of this colour as a background.
    pub fn bg(self) -> u8 {
        self.fg() + 10
    }
}

/// A status's colours: (background, text) in each medium.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swatch {
    pub ansi: (Ansi, Ansi),
    /// The background on a truecolour terminal (its text as in `ansi`): Okabe–Ito hues, told
    /// apart with the common colour-vision deficiencies, as 0xRRGGBB.
    pub screen: u32,
    /// The chart as the station drew it on paper, as 0xRRGGBB.
    pub paper: (u32, u32),
}

pub fn swatch(s: Status) -> Swatch {
    let (ansi, screen, paper) = match s {
        Status::Healthy => ((Ansi::Yellow, Ansi::Black), 0xF0E442, (0xFFE066, 0x000000)),
        Status::Isolating => (
            (Ansi::Red, Ansi::BrightWhite),
            0xD55E00,
            (0xD32F2F, 0xFFFFFF),
        ),
        Status::NotResumed => (
            (Ansi::Blue, Ansi::BrightWhite),
            0x0072B2,
            (0x1E6FD9, 0xFFFFFF),
        ),
        Status::Resumed => ((Ansi::Green, Ansi::Black), 0x009E73, (0x2E9E44, 0xFFFFFF)),
        Status::Vacant => (
            (Ansi::BrightWhite, Ansi::Black),
            0xEBEBEB,
            (0xFFFFFF, 0x000000),
        ),
        Status::Unknown => (
            (Ansi::DarkGray, Ansi::BrightWhite),
            0x6E6E6E,
            (0xBDBDBD, 0x000000),
        ),
    };
    Swatch {
        ansi,
        screen,
        paper,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgr_codes_are_the_terminals() {
        let s = swatch(Status::Isolating);
        assert_eq!((s.ansi.0.bg(), s.ansi.1.fg()), (41, 97));
        let u = swatch(Status::Unknown);
        assert_eq!((u.ansi.0.bg(), u.ansi.1.fg()), (100, 97));
    }

    #[test]
    fn every_status_is_its_own_colour_in_every_medium() {
        for (i, a) in Status::ALL.iter().enumerate() {
            for b in &Status::ALL[i + 1..] {
                let (x, y) = (swatch(*a), swatch(*b));
                assert_ne!(x.ansi.0, y.ansi.0, "{a:?} {b:?}");
                assert_ne!(x.screen, y.screen, "{a:?} {b:?}");
                assert_ne!(x.paper.0, y.paper.0, "{a:?} {b:?}");
            }
        }
    }
}
