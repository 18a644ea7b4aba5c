package dev.asynccom.report;

import dev.asynccom.results.ResultsFolder;

/** The report's environment section: the JDK, machine and run settings of {@code environment.properties}. */
final class EnvironmentTable {
    private EnvironmentTable() {
    }

    /** Appends the section that lists the environment the run recorded, or says why there is none. */
    static void append(StringBuilder html, ResultsFolder folder) {
        html.append("<section id=\"environment\">\n<h2>Environment</h2>\n");
        if (folder.environment().isEmpty()) {
            html.append("<p class=\"note\">")
                    .append(folder.environmentNote().isEmpty()
                            ? "No " + ResultsFolder.ENVIRONMENT_FILE + " in the results folder."
                            : Svg.escape(folder.environmentNote()) + ".")
                    .append("</p>\n");
        } else {
            html.append("<table>\n<tbody>\n");
            folder.environment().forEach((key, value) -> html.append("<tr><th class=\"t\">").append(Svg.escape(key))
                    .append("</th><td class=\"t\">").append(Svg.escape(value)).append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }
}
