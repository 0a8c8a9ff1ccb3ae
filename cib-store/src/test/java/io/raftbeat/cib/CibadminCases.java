package io.raftbeat.cib;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The differential test's table: named sequences of cibadmin command lines, each step checked against Pacemaker. */
final class CibadminCases {
    /** One case: a name and its steps (each a cibadmin argument list). */
    record Case(String name, List<List<String>> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String R1 = "<primitive id=\"r1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<instance_attributes id=\"r1-ia\"><nvpair id=\"r1-a\" name=\"a\" value=\"5\"/>"
            + "<nvpair id=\"r1-b\" name=\"b\" value=\"Yes\"/></instance_attributes>"
            + "<operations><op id=\"r1-mon\" name=\"monitor\" interval=\"10s\" timeout=\"20s\"/></operations>"
            + "</primitive>";
    static final String R2 = "<primitive id=\"r2\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    static final String R3 = "<primitive id=\"r3\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\"/>";
    static final String LOC = "<rsc_location id=\"loc1\" rsc=\"r1\" node=\"node1\" score=\"100\"/>";
    static final String NODE = "<node id=\"1\" uname=\"node1\"/>";
    static final String STATE = "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\"/>";

    private CibadminCases() {}

    static List<String> s(String... args) {
        return Arrays.asList(args);
    }

    /** A small configuration most cases start from. */
    static List<List<String>> base() {
        List<List<String>> steps = new ArrayList<>();
        steps.add(s("-C", "-o", "resources", "-X", "<resources>" + R1 + R2 + R3 + "</resources>"));
        steps.add(s("-C", "-o", "nodes", "-X", NODE));
        steps.add(s("-C", "-o", "constraints", "-X", LOC));
        steps.add(s("-C", "-o", "status", "-X", STATE));
        return steps;
    }

    @SafeVarargs
    static Case c(String name, List<String>... steps) {
        List<List<String>> all = base();
        all.addAll(Arrays.asList(steps));
        return new Case(name, all);
    }

    @SafeVarargs
    static Case bare(String name, List<String>... steps) {
        return new Case(name, Arrays.asList(steps));
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(CibadminQueryCases.all());
        cases.addAll(CibadminWriteCases.all());
        return cases;
    }
}
