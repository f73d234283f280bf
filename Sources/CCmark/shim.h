// libcmark-gfm and its GitHub extensions, plus what Debian's headers leave out.
#ifndef POE_CCMARK_SHIM_H
#define POE_CCMARK_SHIM_H

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

// The extensions' node types are exported by libcmark-gfm-extensions but not declared in
// Debian's headers. They are 0 until `cmark_gfm_core_extensions_ensure_registered()` runs.
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;

// Getters: Swift 6 rejects reading the mutable globals above directly.
static inline cmark_node_type poe_cmark_node_table(void) { return CMARK_NODE_TABLE; }
static inline cmark_node_type poe_cmark_node_table_row(void) { return CMARK_NODE_TABLE_ROW; }
static inline cmark_node_type poe_cmark_node_table_cell(void) { return CMARK_NODE_TABLE_CELL; }
static inline cmark_node_type poe_cmark_node_strikethrough(void) { return CMARK_NODE_STRIKETHROUGH; }

// `CMARK_OPT_DEFAULT` is a macro; one named constant keeps the options in C's spelling.
static inline int poe_cmark_options(void) { return CMARK_OPT_DEFAULT; }

#endif
