package io.raftbeat.cib;

import static io.raftbeat.cib.CibadminCases.bare;
import static io.raftbeat.cib.CibadminCases.c;
import static io.raftbeat.cib.CibadminCases.s;

import io.raftbeat.cib.CibadminCases.Case;
import java.util.List;

/** Differential cases for queries, create and modify. */
final class CibadminQueryCases {
    private CibadminQueryCases() {}

    static List<Case> all() {
        return List.of(
                bare("query the empty CIB", s("-Q")),
                c("query the whole CIB", s("-Q")),
                c("query a scope", s("-Q", "-o", "resources")),
                c("query status", s("-Q", "-o", "status")),
                c("query an absent section", s("-Q", "-o", "fencing-topology")),
                c("query an unknown scope", s("-Q", "-o", "bogus")),
                c("query a scope without children", s("-Q", "-o", "resources", "-n")),
                c("query by xpath, one match", s("-Q", "--xpath", "//primitive[@id='r2']")),
                c("query by xpath, several matches", s("-Q", "--xpath", "//primitive")),
                c("query by xpath, several without children", s("-Q", "--xpath", "//primitive", "-n")),
                c("query by xpath, attribute matches", s("-Q", "--xpath", "//nvpair/@value")),
                c("query by xpath, no match", s("-Q", "--xpath", "//clone")),
                c("query by xpath, syntax error", s("-Q", "--xpath", "//primitive[")),
                bare("create a primitive", s("-C", "-o", "resources", "-X", CibadminCases.R2)),
                c("create an existing id", s("-C", "-o", "resources", "-X", CibadminCases.R2)),
                c(
                        "create several, one exists",
                        s(
                                "-C",
                                "-o",
                                "resources",
                                "-X",
                                "<resources>" + CibadminCases.R2.replace("r2", "r9") + CibadminCases.R2
                                        + "</resources>")),
                c(
                        "create the same id in another section",
                        s(
                                "-C",
                                "-o",
                                "constraints",
                                "-X",
                                "<rsc_location id=\"r2\" rsc=\"r1\" node=\"n\" score=\"1\"/>")),
                c(
                        "create into an absent section",
                        s(
                                "-C",
                                "-o",
                                "fencing-topology",
                                "-X",
                                "<fencing-level id=\"fl\" target=\"node1\" index=\"1\" devices=\"r1\"/>")),
                c("create with an unknown scope", s("-C", "-o", "bogus", "-X", CibadminCases.R2.replace("r2", "r8"))),
                c("create without scope", s("-C", "-X", CibadminCases.R2.replace("r2", "r8"))),
                c("create without XML", s("-C", "-o", "resources")),
                c("create not matching the schema", s("-C", "-o", "resources", "-X", "<primitive id=\"bad\"/>")),
                c(
                        "create a constraint on a missing resource",
                        s(
                                "-C",
                                "-o",
                                "constraints",
                                "-X",
                                "<rsc_location id=\"l9\" rsc=\"nope\" node=\"node1\" score=\"1\"/>")),
                c("create in status", s("-C", "-o", "status", "-X", "<node_state id=\"2\" uname=\"node2\"/>")),
                c("modify an attribute", s("-M", "-X", "<primitive id=\"r2\" description=\"hello\"/>")),
                c("modify without a change", s("-M", "-X", "<primitive id=\"r2\" type=\"Dummy\"/>")),
                c("modify a missing element", s("-M", "-o", "resources", "-X", "<primitive id=\"zz\"/>")),
                c(
                        "modify with allow-create",
                        s("-M", "-c", "-o", "resources", "-X", CibadminCases.R2.replace("r2", "r7"))),
                c(
                        "modify the seed's monitor op",
                        s(
                                "-M",
                                "-o",
                                "resources",
                                "-X",
                                "<op id=\"r1-mon\" interval=\"1s\" name=\"monitor\" timeout=\"2s\"/>")),
                c(
                        "modify merges children",
                        s(
                                "-M",
                                "-X",
                                "<primitive id=\"r2\"><operations>"
                                        + "<op id=\"r2-mon\" name=\"monitor\" interval=\"5s\"/></operations>"
                                        + "<meta_attributes id=\"r2-m\">"
                                        + "<nvpair id=\"r2-t\" name=\"target-role\" value=\"Stopped\"/>"
                                        + "</meta_attributes></primitive>"),
                        s(
                                "-M",
                                "-X",
                                "<primitive id=\"r2\"><operations><op id=\"r2-mon\" interval=\"6s\"/>"
                                        + "<op id=\"r2-start\" name=\"start\" interval=\"0\"/>"
                                        + "</operations></primitive>")),
                c(
                        "modify value++ and value+=",
                        s("-M", "-X", "<nvpair id=\"r1-a\" value=\"value++\"/>"),
                        s("-M", "-X", "<nvpair id=\"r1-a\" value=\"value+=10\"/>"),
                        s("-M", "-X", "<nvpair id=\"r1-a\" value=\"value+=INFINITY\"/>"),
                        s("-M", "-X", "<nvpair id=\"r1-a\" value=\"value+=-INFINITY\"/>")),
                c(
                        "modify value++ on a new nvpair",
                        s(
                                "-M",
                                "-X",
                                "<instance_attributes id=\"r1-ia\">"
                                        + "<nvpair id=\"r1-c\" name=\"c\" value=\"value+=7\"/></instance_attributes>")),
                c(
                        "modify the root epoch up and down",
                        s("-M", "-X", "<cib epoch=\"40\"/>"),
                        s("-M", "-X", "<cib epoch=\"3\"/>"),
                        s("-M", "-X", "<cib admin_epoch=\"2\"/>")),
                c(
                        "modify a section wrapper",
                        s(
                                "-M",
                                "-o",
                                "resources",
                                "-X",
                                "<resources><primitive id=\"r3\" description=\"x\"/></resources>")),
                c(
                        "modify in the wrong scope",
                        s("-M", "-o", "constraints", "-X", "<primitive id=\"r2\" description=\"x\"/>")),
                c(
                        "modify an absent section with allow-create",
                        s(
                                "-M",
                                "-c",
                                "-o",
                                "fencing-topology",
                                "-X",
                                "<fencing-level id=\"fl\" target=\"node1\" index=\"1\" devices=\"r1\"/>")),
                c(
                        "modify an absent section without allow-create",
                        s(
                                "-M",
                                "-o",
                                "fencing-topology",
                                "-X",
                                "<fencing-level id=\"fl\" target=\"node1\" index=\"1\" devices=\"r1\"/>")),
                c("modify to an invalid configuration", s("-M", "-X", "<primitive id=\"r2\" class=\"nonsense\"/>")),
                c(
                        "modify validate-with none, then anything",
                        s("-M", "-X", "<cib validate-with=\"none\"/>"),
                        s("-C", "-o", "resources", "-X", "<primitive id=\"bad\"/>")),
                c("modify validate-with to an unknown schema", s("-M", "-X", "<cib validate-with=\"pacemaker-9.9\"/>")),
                c("modify to a newer feature set", s("-M", "-X", "<cib crm_feature_set=\"9.0.0\"/>")),
                c("modify status", s("-M", "-o", "status", "-X", "<node_state id=\"1\" crmd=\"offline\"/>")),
                c(
                        "modify by xpath",
                        s("-M", "--xpath", "//primitive[@id='r2']", "-X", "<primitive id=\"r2\" description=\"d\"/>")),
                c(
                        "modify by xpath, target under a later match",
                        s("-M", "--xpath", "//primitive", "-X", "<primitive id=\"r3\" description=\"d\"/>")),
                c("modify by xpath, no match", s("-M", "--xpath", "//clone", "-X", "<clone id=\"c\"/>")));
    }
}
