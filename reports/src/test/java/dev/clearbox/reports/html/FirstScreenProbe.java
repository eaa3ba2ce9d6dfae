package dev.clearbox.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What headless Chromium shows of a page in its first {@value #HEIGHT} px at {@value #WIDTH} px wide: the page is
 * laid out by Chromium, and a script added to a copy of it (the report itself has none) lists every text node with
 * a line box inside the first screen, and the page's height, into the DOM that {@code --dump-dom} prints.
 *
 * <p>Without a {@code chromium} on the PATH the test is skipped with the reason, unless {@code
 * CLEARBOX_REQUIRE_CHROMIUM} is set (CI sets it and installs Debian's chromium): then it fails.
 */
public record FirstScreenProbe(List<String> texts, int pageHeight) {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 900;
    private static final Pattern TEXTS = Pattern.compile("<pre id=\"clearbox-first-screen\">(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern PAGE = Pattern.compile("<pre id=\"clearbox-height\">(\\d+)</pre>");
    private static final String SCRIPT = "<script>(function(){var H=" + HEIGHT + ",out=[];"
            + "var height=document.documentElement.scrollHeight;"
            + "var w=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT),n;"
            + "while((n=w.nextNode())){var t=n.textContent.replace(/\\s+/g,' ').trim();if(!t)continue;"
            + "var r=document.createRange();r.selectNodeContents(n);var rs=r.getClientRects();"
            + "for(var i=0;i<rs.length;i++){var b=rs[i];if(b.width>0&&b.height>0&&b.top>=0&&b.bottom<=H){out.push(t);break;}}}"
            + "var p=document.createElement('pre');p.id='clearbox-first-screen';p.textContent=out.join('\\n');"
            + "document.body.appendChild(p);var q=document.createElement('pre');q.id='clearbox-height';"
            + "q.textContent=String(height);document.body.appendChild(q);})();</script>";

    /** Lays out {@code html} in headless Chromium; skips (or fails, where required) without one. */
    public static FirstScreenProbe of(String html, Path tmp) throws IOException, InterruptedException {
        String chromium = chromium();
        Path page = tmp.resolve("first-screen.html");
        int body = html.lastIndexOf("</body>");
        Files.writeString(page, html.substring(0, body) + SCRIPT + html.substring(body), StandardCharsets.UTF_8);
        Path profile = Files.createDirectories(tmp.resolve("chromium-profile"));
        Path dom = tmp.resolve("dom.html");
        Process p = new ProcessBuilder(chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT,
                "--dump-dom", page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(tmp.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        String out = Files.readString(dom, StandardCharsets.UTF_8);
        Matcher t = TEXTS.matcher(out);
        Matcher h = PAGE.matcher(out);
        if (p.exitValue() != 0 || !t.find() || !h.find()) {
            fail("chromium exited " + p.exitValue() + " without the layout: "
                    + Files.readString(tmp.resolve("chromium.err")).lines().limit(20).toList());
        }
        List<String> texts = new ArrayList<>();
        for (String line : t.group(1).split("\n")) {
            texts.add(line.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&nbsp;", "\u00a0").replace("&amp;", "&"));
        }
        return new FirstScreenProbe(List.copyOf(texts), Integer.parseInt(h.group(1)));
    }

    /** The text of the first screen, one text node a line. */
    public String text() {
        return String.join("\n", texts);
    }

    /** Whether some text node of the first screen contains {@code s}. */
    public boolean shows(String s) {
        return texts.stream().anyMatch(t -> t.contains(s));
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        String why = "no chromium on the PATH (Debian: apt-get install chromium)";
        if (!System.getenv().getOrDefault("CLEARBOX_REQUIRE_CHROMIUM", "").isEmpty()) {
            fail(why + ", and CLEARBOX_REQUIRE_CHROMIUM is set");
        }
        assumeTrue(false, why);
        throw new AssertionError("unreachable");
    }
}
