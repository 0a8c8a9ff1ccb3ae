package io.raftbeat.cib;

import static io.raftbeat.cib.CibadminCases.bare;
import static io.raftbeat.cib.CibadminCases.c;
import static io.raftbeat.cib.CibadminCases.s;

import io.raftbeat.cib.CibadminCases.Case;
import java.util.List;

/** Differential cases for replace, delete, delete-all, erase and bump. */
final class CibadminWriteCases {
    private static final String EMPTY_CIB_30 = "<cib validate-with=\"pacemaker-3.9\" epoch=\"30\" num_updates=\"7\""
            + " admin_epoch=\"0\"><configuration><crm_config/><nodes/><resources>" + CibadminCases.R2
            + "</resources><constraints/></configuration><status/></cib>";

    private CibadminWriteCases() {}

    static List<Case> all() {
        return List.of(
                c(
                        "replace an element",
                        s(
                                "-R",
                                "-o",
                                "resources",
                                "-X",
                                "<primitive id=\"r2\" class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/>")),
                c("replace with an identical element", s("-R", "-o", "resources", "-X", CibadminCases.R2)),
                c("replace a missing element", s("-R", "-o", "resources", "-X", CibadminCases.R2.replace("r2", "zz"))),
                c("replace a nested element", s("-R", "-X", "<nvpair id=\"r1-a\" name=\"a\" value=\"9\"/>")),
                c(
                        "replace a section",
                        s("-R", "-o", "resources", "-X", "<resources>" + CibadminCases.R1 + "</resources>")),
                c(
                        "replace the whole CIB with an older one",
                        s(
                                "-R",
                                "-X",
                                "<cib epoch=\"1\" admin_epoch=\"0\""
                                        + " num_updates=\"0\"><configuration><crm_config/><nodes/>"
                                        + "<resources/><constraints/>"
                                        + "</configuration><status/></cib>")),
                c("replace the whole CIB with a newer one", s("-R", "-X", EMPTY_CIB_30)),
                c(
                        "replace by xpath",
                        s("-R", "--xpath", "//primitive[@id='r2']", "-X", CibadminCases.R2.replace("r2", "r2x"))),
                c("replace by xpath, no match", s("-R", "--xpath", "//clone", "-X", CibadminCases.R2)),
                c("delete by id", s("-D", "-o", "resources", "-X", "<primitive id=\"r2\"/>")),
                c("delete matches values ignoring case", s("-D", "-X", "<nvpair id=\"r1-b\" value=\"yes\"/>")),
                c("delete needs every attribute", s("-D", "-X", "<primitive id=\"r2\" type=\"IPaddr2\"/>")),
                c("delete attribute names are case-sensitive", s("-D", "-X", "<primitive id=\"r2\" TYPE=\"Dummy\"/>")),
                c("delete without id takes the first match", s("-D", "-X", "<primitive type=\"IPaddr2\"/>")),
                c("delete a missing element", s("-D", "-X", "<primitive id=\"nope\"/>")),
                c(
                        "delete with a section wrapper",
                        s(
                                "-D",
                                "-o",
                                "resources",
                                "-X",
                                "<resources><primitive id=\"r2\"/><primitive id=\"nope\"/>"
                                        + "<primitive id=\"r3\"/></resources>")),
                c("delete a node_state", s("-D", "-o", "status", "-X", "<node_state id=\"1\"/>")),
                c("delete by xpath", s("-D", "--xpath", "//primitive")),
                c("delete by xpath, no match", s("-D", "--xpath", "//clone")),
                c("delete by xpath, the whole CIB", s("-D", "--xpath", "/cib")),
                c("delete-all without force", s("-d", "--xpath", "//nvpair")),
                c("delete-all", s("-d", "--force", "--xpath", "//nvpair")),
                c(
                        "delete-all of a union",
                        s("-d", "--force", "--xpath", "//primitive[@id='r2'] | //primitive[@id='r3']")),
                c("delete-all nested matches", s("-d", "--force", "--xpath", "//primitive[@id='r1'] | //nvpair")),
                c("delete-all, the whole CIB", s("-d", "--force", "--xpath", "/cib")),
                c("delete-all, syntax error", s("-d", "--force", "--xpath", "//primitive[")),
                c("delete-all without xpath", s("-d", "--force")),
                c("erase without force", s("-E")),
                c("erase", s("-E", "--force")),
                bare("erase an empty CIB", s("-E", "--force")),
                c("bump", s("-B"), s("-B")),
                c(
                        "create a legacy master resource",
                        s(
                                "-C",
                                "-o",
                                "resources",
                                "-X",
                                "<master id=\"ms\"><primitive id=\"p\" class=\"ocf\""
                                        + " provider=\"pacemaker\" type=\"Stateful\"/></master>"),
                        s(
                                "-M",
                                "-X",
                                "<master id=\"ms\"><meta_attributes id=\"ms-m\"><nvpair id=\"ms-n\""
                                        + " name=\"promoted-max\" value=\"1\"/></meta_attributes></master>")),
                c("create a section into configuration", s("-C", "-o", "configuration", "-X", "<resources/>")),
                c(
                        "create into an absent rsc_defaults, then modify it",
                        s("-C", "-o", "rsc_defaults", "-X", "<meta_attributes id=\"rd\"/>"),
                        s(
                                "-M",
                                "-c",
                                "-o",
                                "rsc_defaults",
                                "-X",
                                "<meta_attributes id=\"rd\"><nvpair id=\"rd-s\""
                                        + " name=\"resource-stickiness\" value=\"1\"/></meta_attributes>")),
                c(
                        "modify crm_config through its wrapper",
                        s(
                                "-M",
                                "-o",
                                "crm_config",
                                "-X",
                                "<crm_config><cluster_property_set id=\"cps\">"
                                        + "<nvpair id=\"cps-s\" name=\"stonith-enabled\" value=\"false\"/>"
                                        + "</cluster_property_set></crm_config>")),
                c(
                        "modify through the root element",
                        s(
                                "-M",
                                "-X",
                                "<cib><configuration><resources><primitive id=\"r2\" description=\"root\"/>"
                                        + "</resources></configuration></cib>")),
                c(
                        "modify status with allow-create",
                        s("-M", "-c", "-o", "status", "-X", "<node_state id=\"2\" uname=\"node2\"/>")),
                c(
                        "replace the configuration",
                        s(
                                "-R",
                                "-o",
                                "configuration",
                                "-X",
                                "<configuration><crm_config/><nodes/><resources>" + CibadminCases.R2
                                        + "</resources><constraints/></configuration>")),
                c(
                        "replace status",
                        s("-R", "-o", "status", "-X", "<status><node_state id=\"2\" uname=\"n2\"/></status>")),
                c("replace by xpath without XML", s("-R", "--xpath", "//primitive[@id='r3']")),
                c(
                        "delete in status with a wrapper",
                        s("-D", "-o", "status", "-X", "<status><node_state id=\"1\"/></status>")),
                c("query the configuration without children", s("-Q", "-o", "configuration", "-n")),
                c("query the root by xpath without children", s("-Q", "--xpath", "/cib", "-n")),
                c("query scope all", s("-Q", "-o", "all")),
                c("delete a whole required section", s("-D", "-X", "<resources/>")),
                c(
                        "delete the status section, then create in it",
                        s("-D", "-X", "<status/>"),
                        s("-C", "-o", "status", "-X", "<node_state id=\"3\" uname=\"n3\"/>"),
                        s("-M", "-c", "-o", "status", "-X", "<node_state id=\"3\" uname=\"n3\"/>")),
                c("modify a section with nothing in it", s("-M", "-X", "<resources/>")),
                c(
                        "modify by id-ref",
                        s("-M", "-X", "<primitive id=\"r2\"><meta_attributes id-ref=\"r1-ia\"/>" + "</primitive>")),
                c("query a scope in upper case", s("-Q", "-o", "RESOURCES")),
                c(
                        "create a node whose id a resource has",
                        s("-C", "-o", "nodes", "-X", "<node id=\"r1\" uname=\"x\"/>")),
                c(
                        "create a tag referring to resources",
                        s("-C", "-o", "tags", "-X", "<tag id=\"t\"><obj_ref id=\"r1\"/></tag>"),
                        s("-M", "-c", "-o", "tags", "-X", "<tag id=\"t\"><obj_ref id=\"r1\"/></tag>")),
                c(
                        "create a resource set constraint with a missing member",
                        s(
                                "-C",
                                "-o",
                                "constraints",
                                "-X",
                                "<rsc_order id=\"o\"><resource_set id=\"rs\">"
                                        + "<resource_ref id=\"r1\"/><resource_ref id=\"nope\"/></resource_set></rsc_order>")),
                c(
                        "a sequence of everything",
                        s("-M", "-X", "<primitive id=\"r2\" description=\"1\"/>"),
                        s("-D", "-X", "<primitive id=\"r3\"/>"),
                        s("-C", "-o", "resources", "-X", CibadminCases.R3),
                        s("-R", "-o", "constraints", "-X", "<constraints/>"),
                        s("-B"),
                        s("-M", "-o", "status", "-X", "<node_state id=\"1\" in_ccm=\"false\"/>"),
                        s("-Q")));
    }
}
