package io.raftbeat.e2e;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading CIB XML the way a test needs it: the version triple, the ids of elements; and bounded waits. */
final class Cibs {
    private static final Pattern CIB_TAG = Pattern.compile("<cib\\b[^>]*>");
    private static final Pattern ID = Pattern.compile("<primitive\\b[^>]*\\bid=\"([^\"]+)\"");

    private Cibs() {}

    /** The CIB's version as {@code admin_epoch.epoch.num_updates}, read with {@code cibadmin -Q -n}. */
    static String version(String servers) {
        CliResult query = Cli.cibadmin(servers, "-Q", "-n");
        if (!query.ok()) {
            throw new AssertionError("cibadmin -Q -n failed: " + query);
        }
        Matcher tag = CIB_TAG.matcher(query.out());
        if (!tag.find()) {
            throw new AssertionError("no <cib> element in: " + query.out());
        }
        return attribute(tag.group(), "admin_epoch") + "." + attribute(tag.group(), "epoch") + "."
                + attribute(tag.group(), "num_updates");
    }

    /** The ids of the primitives in the XML. */
    static Set<String> primitiveIds(String xml) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = ID.matcher(xml);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static String primitive(String id) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    }

    /** Waits for a condition that the cluster reaches by itself (a member catching up), within a generous bound. */
    static void await(String what, long limitMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + limitMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not reached within " + limitMs / 1000 + "s: " + what);
            }
            Thread.sleep(250);
        }
    }

    private static String attribute(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : "?";
    }
}
