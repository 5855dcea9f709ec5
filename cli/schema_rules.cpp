// JSON Schema (draft 2020-12) of rule sets (format rules/1, rules-format.md), for editors and
// integrations: `basis schema rules`. This string is the one copy; docs/commands.md says how
// to point an editor at it. Keep it in step with the loader when the format gains a field.

#include "schemas.hpp"

namespace basis::cli {

std::string_view rules_json_schema() {
  return R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:basis:schema:rules-1",
  "title": "basis rule set (rules/1)",
  "description": "A firm's reasoning about costs: named metrics, and rules whose statements justify the price. Conditions, metrics and filters are expressions of the rules language; text fields are templates with {{ expr | filter }} placeholders.",
  "type": "object",
  "properties": {
    "basis": {
      "description": "Format tag: rules/1.",
      "const": "rules/1"
    },
    "ruleset": {
      "description": "The rule set's name; default: the file name without extension.",
      "type": "string"
    },
    "description": {
      "type": "string"
    },
    "imports": {
      "description": "Rule files loaded first, relative to this file; each file loads once; a cycle is an error.",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "define": {
      "description": "Named metrics, computed once per estimate; they may use each other (a cycle is an error).",
      "type": "object",
      "propertyNames": {
        "$ref": "#/$defs/metricName"
      },
      "additionalProperties": {
        "$ref": "#/$defs/expression"
      }
    },
    "rules": {
      "description": "Tried in file order, imports first; output order is section, then priority (higher first), then file order.",
      "type": "array",
      "items": {
        "$ref": "#/$defs/rule"
      }
    },
    "drivers_by": {
      "description": "The item field the drivers section and the breakdown group by (default: category).",
      "type": "string"
    },
    "class_bounds": {
      "description": "Overrides of the accuracy range stated per estimate class: class -> [low, high], e.g. 3: [-15%, 20%].",
      "type": "object",
      "propertyNames": {
        "enum": [
          "1",
          "2",
          "3",
          "4",
          "5"
        ]
      },
      "additionalProperties": {
        "type": "array",
        "prefixItems": [
          {
            "$ref": "#/$defs/number"
          },
          {
            "$ref": "#/$defs/number"
          }
        ],
        "minItems": 2,
        "maxItems": 2
      }
    },
    "styles": {
      "description": "Overrides of the style profiles: which sections a style shows, in order, and how much detail.",
      "type": "object",
      "propertyNames": {
        "enum": [
          "driver",
          "analytical",
          "amiable",
          "expressive",
          "internal"
        ]
      },
      "additionalProperties": {
        "type": "object",
        "properties": {
          "sections": {
            "type": "array",
            "items": {
              "enum": [
                "summary",
                "drivers",
                "basis",
                "benchmarks",
                "assumptions",
                "exclusions",
                "risks",
                "options",
                "questions",
                "objections",
                "internal",
                "buildup",
                "coverage",
                "trace"
              ]
            }
          },
          "detail": {
            "enum": [
              "brief",
              "full"
            ]
          }
        },
        "additionalProperties": false
      }
    }
  },
  "additionalProperties": false,
  "$defs": {
    "expression": {
      "description": "An expression of the rules language, e.g. sum(items.hours where category == \"testing\") or test_ratio >= 25%.",
      "type": [
        "string",
        "number",
        "boolean"
      ]
    },
    "template": {
      "description": "Markdown with {{ expr | filter }} placeholders and {% if %} / {% for %} tags.",
      "type": "string"
    },
    "number": {
      "description": "A number, or a percentage written with % (25% is 0.25).",
      "anyOf": [
        {
          "type": "number"
        },
        {
          "type": "string",
          "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?%$"
        }
      ]
    },
    "metricName": {
      "description": "Letters, digits and _, not starting with a digit; not a name of the language (estimate, items, item, totals, previous, loop, and, or, not, in, where, true, false, null).",
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
      "not": {
        "enum": [
          "estimate",
          "items",
          "item",
          "totals",
          "previous",
          "loop",
          "true",
          "false",
          "null",
          "and",
          "or",
          "not",
          "in",
          "where"
        ]
      }
    },
    "id": {
      "description": "Letters, digits, - and _.",
      "type": "string",
      "pattern": "^[A-Za-z0-9_-]+$"
    },
    "rule": {
      "description": "A rule: when its condition holds (and no higher tier of its group is kept), its statement goes into its section. text is required unless the rule only carries options, questions or objections.",
      "type": "object",
      "required": [
        "id"
      ],
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "Unique across the rule set and its imports."
        },
        "title": {
          "description": "Short name, used in traces, lint and the options table.",
          "type": "string"
        },
        "section": {
          "description": "Where the statement goes; default basis.",
          "enum": [
            "summary",
            "drivers",
            "basis",
            "assumptions",
            "exclusions",
            "risks",
            "options",
            "questions",
            "objections",
            "internal"
          ],
          "default": "basis"
        },
        "priority": {
          "description": "Higher first within a section; default 0; ties keep file order.",
          "type": "integer",
          "default": 0
        },
        "when": {
          "description": "The condition; absent means always.",
          "$ref": "#/$defs/expression"
        },
        "for_each": {
          "description": "A collection: the rule is tried once per element with item bound (its fields also reachable bare).",
          "$ref": "#/$defs/expression"
        },
        "explains": {
          "description": "The cost lines it justifies when it fires: item, or a collection such as items where category == \"testing\".",
          "$ref": "#/$defs/expression"
        },
        "text": {
          "description": "The statement.",
          "$ref": "#/$defs/template"
        },
        "by_style": {
          "description": "Per-style wording; falls back to text.",
          "type": "object",
          "properties": {
            "driver": {
              "$ref": "#/$defs/template"
            },
            "analytical": {
              "$ref": "#/$defs/template"
            },
            "amiable": {
              "$ref": "#/$defs/template"
            },
            "expressive": {
              "$ref": "#/$defs/template"
            }
          },
          "additionalProperties": false
        },
        "benchmark": {
          "description": "Says whether a value sits inside, below or above a range.",
          "type": "object",
          "properties": {
            "value": {
              "description": "The benchmarked value.",
              "$ref": "#/$defs/expression"
            },
            "range": {
              "description": "[low, high]; both with % or both without.",
              "type": "array",
              "prefixItems": [
                {
                  "$ref": "#/$defs/number"
                },
                {
                  "$ref": "#/$defs/number"
                }
              ],
              "minItems": 2,
              "maxItems": 2
            },
            "label": {
              "type": "string"
            },
            "source": {
              "description": "Where the range comes from.",
              "type": "string"
            },
            "format": {
              "enum": [
                "percent",
                "money",
                "number",
                "hours"
              ]
            }
          },
          "additionalProperties": false,
          "required": [
            "value",
            "range"
          ]
        },
        "questions": {
          "description": "What to ask the client to confirm the assumption behind the rule.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/template"
          }
        },
        "objections": {
          "description": "Anticipated objections with responses.",
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "objection": {
                "$ref": "#/$defs/template"
              },
              "response": {
                "$ref": "#/$defs/template"
              }
            },
            "additionalProperties": false,
            "required": [
              "objection",
              "response"
            ]
          }
        },
        "options": {
          "description": "Ways to spend less, computed as real scenarios; offered only when the rule is kept.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/option"
          }
        },
        "internal": {
          "description": "A note for the negotiation brief only; may use internal values.",
          "$ref": "#/$defs/template"
        },
        "group": {
          "description": "Rules sharing a group are alternatives: only the highest-priority one that fires is kept.",
          "type": "string"
        }
      },
      "additionalProperties": false
    },
    "option": {
      "type": "object",
      "required": [
        "id",
        "change"
      ],
      "properties": {
        "id": {
          "$ref": "#/$defs/id",
          "description": "Unique across everything loaded."
        },
        "title": {
          "$ref": "#/$defs/template"
        },
        "change": {
          "description": "Operations on a copy of the estimate, applied in order; the whole estimate is recomputed.",
          "type": "array",
          "items": {
            "$ref": "#/$defs/change"
          }
        },
        "tradeoff": {
          "description": "What the client gives up.",
          "$ref": "#/$defs/template"
        },
        "ask_in_return": {
          "description": "What to ask for in exchange (internal: only the negotiation brief).",
          "$ref": "#/$defs/template"
        }
      },
      "additionalProperties": false
    },
    "change": {
      "description": "One operation: remove, scale, set, add or adjust.",
      "oneOf": [
        {
          "type": "object",
          "properties": {
            "remove": {
              "description": "A filter over items: the items it selects are removed.",
              "$ref": "#/$defs/expression"
            }
          },
          "additionalProperties": false,
          "required": [
            "remove"
          ]
        },
        {
          "type": "object",
          "properties": {
            "scale": {
              "description": "Multiply a field of the matching items (all three points of a three-point value).",
              "type": "object",
              "properties": {
                "where": {
                  "$ref": "#/$defs/expression"
                },
                "field": {
                  "enum": [
                    "hours",
                    "quantity",
                    "rate",
                    "unit_cost",
                    "amount"
                  ]
                },
                "by": {
                  "$ref": "#/$defs/number"
                }
              },
              "additionalProperties": false,
              "required": [
                "where",
                "field",
                "by"
              ]
            }
          },
          "additionalProperties": false,
          "required": [
            "scale"
          ]
        },
        {
          "type": "object",
          "properties": {
            "set": {
              "description": "Set a field of the matching items.",
              "type": "object",
              "properties": {
                "where": {
                  "$ref": "#/$defs/expression"
                },
                "field": {
                  "enum": [
                    "hours",
                    "quantity",
                    "rate",
                    "unit_cost",
                    "amount"
                  ]
                },
                "to": {
                  "description": "A number, or a rate-card name for rate and unit_cost.",
                  "anyOf": [
                    {
                      "$ref": "#/$defs/number"
                    },
                    {
                      "type": "string"
                    }
                  ]
                }
              },
              "additionalProperties": false,
              "required": [
                "where",
                "field",
                "to"
              ]
            }
          },
          "additionalProperties": false,
          "required": [
            "set"
          ]
        },
        {
          "type": "object",
          "properties": {
            "add": {
              "description": "A new line item, as in an estimate.",
              "type": "object",
              "required": [
                "id",
                "name"
              ]
            }
          },
          "additionalProperties": false,
          "required": [
            "add"
          ]
        },
        {
          "type": "object",
          "properties": {
            "adjust": {
              "description": "Change an adjustment's percent or amount.",
              "type": "object",
              "properties": {
                "id": {
                  "type": "string",
                  "description": "The adjustment's id."
                },
                "percent": {
                  "type": "string",
                  "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?%$"
                },
                "amount": {
                  "type": "number"
                }
              },
              "additionalProperties": false,
              "required": [
                "id"
              ]
            }
          },
          "additionalProperties": false,
          "required": [
            "adjust"
          ]
        }
      ]
    }
  }
}
)json";
}

}  // namespace basis::cli
