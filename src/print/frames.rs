//! A report shown as `oscx validate` shows it on a terminal: a code frame for each finding.

use crate::Report;
use crate::print::human;

#[cfg_attr(docsrs, doc(cfg(feature = "cli")))]
impl Report {
    /// The findings as `oscx validate` prints them for this file with colour off: a code
    /// frame over `source`, the text that was checked, for each finding, then how many the
    /// cap left out. Empty for a report without findings.
    ///
    /// ```
    /// let text = r#"<person xmlns="http://schemas.microsoft.com/office/outlook/2010/06/socialprovider.xsd">
    ///   <userID>u1</userID><gender>robot</gender></person>"#;
    /// let frames = osc_schema::check(text).render(text);
    /// assert!(frames.contains("error[xsd::invalid-value]"));
    /// assert!(frames.contains("<gender>robot</gender>"));
    /// ```
    pub fn render(&self, source: &str) -> String {
        let mut out = if self.diagnostics.is_empty() {
            String::new()
        } else {
            human::render(&self.file, source, &self.diagnostics, false)
        };
        out.push_str(&human::truncated_line(self));
        out
    }
}
