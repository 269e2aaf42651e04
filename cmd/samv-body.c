/* samv-body - the bodies of organisations (nämnder, styrelser) decisions are anchored in. */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-body", .summary = N_("bodies of organisations (nämnder, styrelser)"), .retire_verb = "retire",
		.can_remove = false
	};

	c.type = samv_type_find("body");
	return samv_entity_main(&c, argc, argv);
}
