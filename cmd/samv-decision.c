/* samv-decision - decisions: anchors and kedge anchors. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-decision", .summary = "decisions: anchors and kedge anchors (halningsankare)"
	};

	c.type = samv_type_find("decision");
	return samv_entity_main(&c, argc, argv);
}
