//! The verifier's report as JUnit XML, for CI: one test case per exchange, a failure for each
//! exchange with an unexplained difference, and a skipped case for each one not served.

use super::replay::{Report, Verdict};
use std::fmt::Write;

/// The report as a JUnit XML document; `suite` names the test suite (the folder verified).
pub fn to_junit(report: &Report, suite: &str) -> String {
    let failures = report
        .checked
        .iter()
        .filter(|c| c.unexplained() > 0)
        .count();
    let skipped = report.not_served();
    let seconds: f64 = report
        .checked
        .iter()
        .map(|c| c.duration.as_secs_f64())
        .sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"partner-center-mock verify\" tests=\"{}\" failures=\"{failures}\" skipped=\"{skipped}\" time=\"{seconds:.3}\">",
        report.checked.len()
    );
    let _ = writeln!(
        xml,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\" time=\"{seconds:.3}\">",
        escape(suite),
        report.checked.len()
    );
    for checked in &report.checked {
        let _ = write!(
            xml,
            "    <testcase classname=\"verify\" name=\"{}\" time=\"{:.3}\"",
            escape(&format!(
                "{} {} {}",
                checked.file, checked.method, checked.path
            )),
            checked.duration.as_secs_f64()
        );
        match &checked.verdict {
            Verdict::Matched => xml.push_str("/>\n"),
            Verdict::NotServed(reason) => {
                let _ = writeln!(
                    xml,
                    ">\n      <skipped message=\"not served: {}\"/>\n    </testcase>",
                    escape(reason)
                );
            }
            Verdict::Deviating(_) if checked.unexplained() == 0 => {
                let _ = writeln!(
                    xml,
                    ">\n      <system-out>{}</system-out>\n    </testcase>",
                    escape(&checked.line())
                );
            }
            Verdict::Deviating(_) => {
                let _ = writeln!(
                    xml,
                    ">\n      <failure message=\"{} unexplained deviations\" type=\"deviation\">{}</failure>\n    </testcase>",
                    checked.unexplained(),
                    escape(&checked.line())
                );
            }
        }
    }
    xml.push_str("  </testsuite>\n</testsuites>\n");
    xml
}

/// Text as XML character data or an attribute value: the five special characters escaped, and
/// the control characters XML 1.0 cannot hold replaced.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                escaped.push('\u{FFFD}');
            }
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conformance::compare::Deviation;
    use crate::verify::{Checked, Finding};
    use std::time::Duration;

    fn checked(file: &str, verdict: Verdict) -> Checked {
        Checked {
            file: file.to_owned(),
            method: "GET".to_owned(),
            path: "/v1/customers/<x>&y".to_owned(),
            verdict,
            duration: Duration::from_millis(3),
        }
    }

    #[test]
    fn special_characters_are_escaped_and_control_characters_replaced() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}"
        );
    }

    #[test]
    fn each_exchange_is_a_test_case_failed_when_unexplained_and_skipped_when_not_served() {
        let deviation = Deviation {
            path: "$.companyName".to_owned(),
            what: "missing".to_owned(),
        };
        let report = Report {
            checked: vec![
                checked("1.json", Verdict::Matched),
                checked(
                    "2.json",
                    Verdict::Deviating(vec![Finding {
                        deviation,
                        explanation: None,
                    }]),
                ),
                checked("3.json", Verdict::NotServed("no route".to_owned())),
            ],
            notes: Vec::new(),
        };
        let xml = to_junit(&report, "recordings");
        assert!(
            xml.contains("tests=\"3\" failures=\"1\" skipped=\"1\""),
            "{xml}"
        );
        assert_eq!(xml.matches("<testcase ").count(), 3);
        assert!(
            xml.contains("<failure message=\"1 unexplained deviations\""),
            "{xml}"
        );
        assert!(xml.contains("$.companyName missing (unexplained)"), "{xml}");
        assert!(
            xml.contains("<skipped message=\"not served: no route\"/>"),
            "{xml}"
        );
        assert!(xml.contains("/v1/customers/&lt;x&gt;&amp;y"), "{xml}");
        assert!(!xml.contains("<x>"));
    }
}
