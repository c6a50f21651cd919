package dev.mallory.report;

import java.nio.file.Path;

/**
 * Where one run's reports were written.
 *
 * @param dir {@code <outRoot>/<run-id>/}
 * @param allureSite the generated site's directory, or null when none was generated
 * @param allureNote one line on the Allure site: where it is, or why there is none
 */
public record ReportFiles(
    Path dir, Path html, Path junitXml, Path summaryJson, Path allureResults, Path allureSite, String allureNote) {}
