/* samv-person - people who act for an organisation. */
#include "samv.h"

int main(int argc, char **argv)
{
	static const struct samv_cmd cmd = {
		"samv-person", NULL, "people who act for an organisation", "retire", true
	};
	struct samv_cmd c = cmd;

	c.type = samv_type_find("person");
	return samv_entity_main(&c, argc, argv);
}
