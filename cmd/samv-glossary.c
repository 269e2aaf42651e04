/* samv-glossary - the glossary: terms the parties agreed on (gemensamt språk). */
#include "samv.h"

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-glossary", .summary = N_("the glossary: terms the parties agreed on (gemensamt språk)"),
		.retire_verb = "retire", .can_remove = false
	};

	c.type = samv_type_find("term");
	return samv_entity_main(&c, argc, argv);
}
