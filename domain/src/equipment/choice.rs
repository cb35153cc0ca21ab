//! A device as a choice in a text field with suggestions (an HTML `datalist`: the browser
//! filters as one types, with or without JavaScript). The text starts with `#id`, which is
//! what the server reads back; the rest is for people.

/// The choice text of a device: `#12 Mail server · RH2288 V3 · SN-1 · Shanghai plant`.
pub fn choice_text(id: i32, parts: &[&str]) -> String {
    let rest: Vec<&str> = parts.iter().copied().filter(|p| !p.trim().is_empty()).collect();
    format!("#{id} {}", rest.join(" · "))
}

/// The device id of a choice text; `Ok(None)` for an empty field, `Err(())` for text that is
/// not a choice (typed over, or made up).
#[allow(clippy::result_unit_err)]
pub fn parse_choice(text: &str) -> Result<Option<i32>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let digits: String = t.strip_prefix('#').ok_or(())?.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<i32>().ok().filter(|id| *id > 0).map(Some).ok_or(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_reads_back_as_its_device() {
        let t = choice_text(12, &["Mail server", "", "SN-1", "Shanghai plant"]);
        assert_eq!(t, "#12 Mail server · SN-1 · Shanghai plant");
        assert_eq!(parse_choice(&t), Ok(Some(12)));
        assert_eq!(parse_choice("  #7"), Ok(Some(7)));
        assert_eq!(parse_choice(""), Ok(None));
        assert_eq!(parse_choice("   "), Ok(None));
        for bad in ["Mail server", "#", "#x1", "#0 zero", "#-3", "#99999999999 big", "12"] {
            assert_eq!(parse_choice(bad), Err(()), "{bad}");
        }
    }
}
