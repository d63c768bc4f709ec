//! The verifier's report as JUnit XML, for CI: one test case per exchange, a failure for each
//! exchange with an unexplained difference, and a skipped case for each one not served.

use super::Checked;
use super::replay::{Report, Verdict};
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

/// The report as a JUnit XML document; `suite` names the test suite (the folder verified).
pub fn to_junit(report: &Report, suite: &str) -> String {
    let mut test_suite = TestSuite::new(suite);
    test_suite.add_test_cases(report.checked.iter().map(test_case));
    let time = report.checked.iter().map(|checked| checked.duration).sum();
    test_suite.set_time(time);
    let mut junit = quick_junit::Report::new("partner-center-mock verify");
    junit.set_time(time).add_test_suite(test_suite);
    junit
        .to_string()
        .expect("a JUnit report is written to memory, which does not fail")
}

/// One exchange: passed when it matched or every difference is explained (then listed in its
/// output), failed when a difference is not explained, skipped when the mock does not serve it.
fn test_case(checked: &Checked) -> TestCase {
    let explained = checked.unexplained() == 0;
    let status = match &checked.verdict {
        Verdict::Matched => TestCaseStatus::success(),
        Verdict::Deviating(_) if explained => TestCaseStatus::success(),
        Verdict::Deviating(_) => {
            let mut failure = TestCaseStatus::non_success(NonSuccessKind::Failure);
            failure
                .set_message(format!("{} unexplained deviations", checked.unexplained()))
                .set_type("deviation")
                .set_description(checked.line());
            failure
        }
        Verdict::NotServed(reason) => {
            let mut skipped = TestCaseStatus::skipped();
            skipped.set_message(format!("not served: {reason}"));
            skipped
        }
    };
    let name = format!("{} {} {}", checked.file, checked.method, checked.path);
    let mut case = TestCase::new(name, status);
    case.set_classname("verify").set_time(checked.duration);
    if explained && matches!(checked.verdict, Verdict::Deviating(_)) {
        case.set_system_out(checked.line());
    }
    case
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
        let read = quick_junit::Report::deserialize_from_str(&xml).expect("well-formed JUnit");
        assert_eq!(
            (read.tests, read.failures, read.skipped, read.errors),
            (3, 1, 1, 0),
            "{xml}"
        );
        let [suite] = read.test_suites.as_slice() else {
            panic!("one test suite: {xml}");
        };
        assert_eq!(suite.name.as_str(), "recordings");
        assert_eq!(
            (suite.tests, suite.failures, suite.skipped, suite.errors),
            (3, 1, 1, 0)
        );
        let names: Vec<&str> = suite.test_cases.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "1.json GET /v1/customers/<x>&y",
                "2.json GET /v1/customers/<x>&y",
                "3.json GET /v1/customers/<x>&y"
            ]
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

    #[test]
    fn an_explained_deviation_passes_with_its_findings_in_the_output() {
        let known = &crate::conformance::DEVIATIONS[0];
        let deviation = Deviation {
            path: known.path.to_owned(),
            what: "missing".to_owned(),
        };
        let report = Report {
            checked: vec![checked(
                "1.json",
                Verdict::Deviating(vec![Finding {
                    deviation,
                    explanation: Some(known),
                }]),
            )],
            notes: Vec::new(),
        };
        let xml = to_junit(&report, "recordings");
        let read = quick_junit::Report::deserialize_from_str(&xml).expect("well-formed JUnit");
        assert_eq!(
            (read.tests, read.failures, read.skipped),
            (1, 0, 0),
            "{xml}"
        );
        let case = &read.test_suites[0].test_cases[0];
        assert!(
            case.system_out
                .as_deref()
                .is_some_and(|out| out.contains(&format!("{} missing (explained", known.path))),
            "{xml}"
        );
    }

    #[test]
    fn control_characters_in_a_reason_still_give_well_formed_xml() {
        let report = Report {
            checked: vec![checked(
                "1.json",
                Verdict::NotServed("bell \u{7} here".to_owned()),
            )],
            notes: Vec::new(),
        };
        let xml = to_junit(&report, "recordings");
        assert!(!xml.contains('\u{7}'), "{xml}");
        quick_junit::Report::deserialize_from_str(&xml).expect("well-formed JUnit");
    }
}
