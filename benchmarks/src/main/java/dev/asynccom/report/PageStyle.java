package dev.asynccom.report;

/** How the report looks: one style sheet for every page. */
final class PageStyle {
    /** The page's style sheet, inlined: the page needs no other file and no network. */
    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;\
            margin:0 auto;max-width:1240px;padding:0 20px 48px}
            h1{font-size:1.6em;margin:.9em 0 .1em}
            h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.8em}
            nav a{margin-right:1.2em}
            .note{color:#666;max-width:60em}
            .charts{display:flex;flex-wrap:wrap;gap:16px}
            figure{margin:0;border:1px solid #e3e3e3;border-radius:6px;padding:8px 8px 2px;background:#fff}
            figcaption{font-weight:600;font-size:13px;margin:0 0 4px 4px;max-width:760px}
            svg{max-width:100%;height:auto}
            svg text{fill:#333}
            table{border-collapse:collapse;font-size:12.5px}
            th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}
            th{background:#f4f4f4;position:sticky;top:0}
            .t{text-align:left}
            td.bad{background:#fde4e1;color:#a00;font-weight:600}
            tr.group td{background:#fafafa;text-align:left;font-weight:600;padding-top:10px}
            code{font-size:12.5px}
            """;

    private PageStyle() {
    }
}
