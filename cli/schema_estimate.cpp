// JSON Schema (draft 2020-12) of estimate files (format estimate/1, estimate-format.md), for
// editors and integrations: `basis schema estimate`. This string is the one copy; docs/commands.md
// says how to point an editor at it. Keep it in step with the loader when the format gains a field.

#include "schemas.hpp"

namespace basis::cli {

std::string_view estimate_json_schema() {
  return R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:basis:schema:estimate-1",
  "title": "basis estimate (estimate/1)",
  "description": "An estimate for basis: line items with their cost forms, adjustments, risks and free-form client, project and internal facts. YAML or JSON; every number is read exactly as written.",
  "type": "object",
  "required": [
    "id"
  ],
  "properties": {
    "basis": {
      "description": "Format tag; optional, but when present it must be estimate/1.",
      "const": "estimate/1"
    },
    "id": {
      "description": "The estimate's identifier (required).",
      "type": [
        "string",
        "number"
      ]
    },
    "title": {
      "description": "What is being estimated.",
      "type": "string"
    },
    "version": {
      "description": "Revision number, shown in comparisons.",
      "type": [
        "number",
        "string"
      ]
    },
    "date": {
      "description": "Date of the estimate, written YYYY-MM-DD.",
      "type": "string",
      "examples": [
        "2026-11-20"
      ]
    },
    "currency": {
      "description": "ISO 4217 currency code; default USD. The symbol and the minor unit come from it.",
      "type": "string",
      "pattern": "^[A-Z]{3}$",
      "default": "USD"
    },
    "class": {
      "description": "AACE estimate class (18R-97), 1 (most defined) to 5 (concept); explanations state the accuracy range of the total.",
      "type": "integer",
      "minimum": 1,
      "maximum": 5
    },
    "domain": {
      "description": "Which standard rule set applies when no rules are given (software, construction, consulting); without it, the common rules.",
      "type": "string",
      "examples": [
        "software",
        "construction",
        "consulting"
      ]
    },
    "three_point": {
      "description": "How three-point values give their expected value: pert (low + 4 likely + high) / 6, or triangular (low + likely + high) / 3.",
      "enum": [
        "pert",
        "triangular"
      ],
      "default": "pert"
    },
    "rounding": {
      "description": "Rounding step of every amount: 0.01, 1, 100, ... (default: the currency's minor unit; never finer).",
      "type": "number",
      "exclusiveMinimum": 0
    },
    "client": {
      "description": "Free-form facts about the client, reachable in rules as estimate.client.<field>.",
      "type": "object",
      "properties": {
        "name": {
          "description": "The client's name.",
          "type": "string"
        },
        "industry": {
          "description": "The client's industry, e.g. healthcare, finance, retail.",
          "type": "string"
        },
        "style": {
          "description": "Decision style of the reader, the default style of explanations. 'internal' is not allowed here: the negotiation brief is only produced when asked for.",
          "enum": [
            "driver",
            "analytical",
            "amiable",
            "expressive"
          ]
        }
      },
      "additionalProperties": true
    },
    "rates": {
      "description": "Rate card: name -> price per hour or per unit.",
      "type": "object",
      "additionalProperties": {
        "type": "number",
        "minimum": 0
      }
    },
    "items": {
      "description": "The line items, or {csv: path} to read them from a CSV file (relative to this file).",
      "anyOf": [
        {
          "type": "array",
          "items": {
            "$ref": "#/$defs/item"
          }
        },
        {
          "type": "object",
          "required": [
            "csv"
          ],
          "properties": {
            "csv": {
              "type": "string",
              "description": "Path of the CSV file of items, relative to this file."
            }
          },
          "additionalProperties": false
        }
      ]
    },
    "adjustments": {
      "description": "Applied in this order after the direct cost.",
      "type": "array",
      "items": {
        "$ref": "#/$defs/adjustment"
      }
    },
    "assumptions": {
      "description": "What the price assumes.",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "exclusions": {
      "description": "What the price does not include.",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "risks": {
      "description": "The risk register; further fields (mitigation, owner, ...) are kept.",
      "type": "array",
      "items": {
        "$ref": "#/$defs/risk"
      }
    },
    "project": {
      "description": "Free-form facts about the job, reachable as estimate.project.<field>.",
      "type": "object",
      "additionalProperties": true
    },
    "internal": {
      "description": "What the firm never shows a client (floor price, cost rates, margins). Anything computed from it is internal too.",
      "$ref": "#/$defs/internal"
    }
  },
  "patternProperties": {
    "^x-": {
      "description": "Extension keys starting with x- are allowed and ignored."
    }
  },
  "additionalProperties": false,
  "$defs": {
    "percent": {
      "description": "A percentage written with %: 12%, -5%, 2.5%.",
      "type": "string",
      "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?%$"
    },
    "threePoint": {
      "description": "A three-point value; low <= likely <= high. Rules see the expected value and the points as <field>_low, _likely, _high.",
      "type": "object",
      "required": [
        "low",
        "likely",
        "high"
      ],
      "properties": {
        "low": {
          "type": "number"
        },
        "likely": {
          "type": "number"
        },
        "high": {
          "type": "number"
        }
      },
      "additionalProperties": false
    },
    "rateName": {
      "description": "The name of a rate-card entry.",
      "type": "string"
    },
    "internal": {
      "type": "object",
      "additionalProperties": true,
      "properties": {
        "floor": {
          "description": "Walk-away price.",
          "type": "number"
        },
        "target_margin": {
          "description": "Target margin, e.g. 22%.",
          "anyOf": [
            {
              "$ref": "#/$defs/percent"
            },
            {
              "type": "number"
            }
          ]
        },
        "cost_rates": {
          "description": "Cost of each rate-card entry to the firm: rate_name -> cost.",
          "type": "object",
          "additionalProperties": {
            "type": "number"
          }
        }
      }
    },
    "item": {
      "description": "A line item with exactly one cost form: hours and rate, quantity and unit_cost, or amount. Any further attribute is allowed and reachable from rules.",
      "type": "object",
      "required": [
        "id",
        "name"
      ],
      "properties": {
        "id": {
          "description": "Unique within the estimate.",
          "type": [
            "string",
            "number"
          ]
        },
        "name": {
          "description": "What the line is.",
          "type": "string"
        },
        "category": {
          "description": "The group the drivers section and the breakdown use by default.",
          "type": "string"
        },
        "phase": {
          "type": "string"
        },
        "hours": {
          "description": "Hours (with rate): a number >= 0 or a three-point value.",
          "anyOf": [
            {
              "type": "number",
              "minimum": 0
            },
            {
              "$ref": "#/$defs/threePoint"
            }
          ]
        },
        "rate": {
          "description": "Price per hour: a number >= 0, a three-point value or a rate-card name.",
          "anyOf": [
            {
              "type": "number",
              "minimum": 0
            },
            {
              "$ref": "#/$defs/threePoint"
            },
            {
              "$ref": "#/$defs/rateName"
            }
          ]
        },
        "quantity": {
          "description": "Quantity (with unit_cost): a number >= 0 or a three-point value.",
          "anyOf": [
            {
              "type": "number",
              "minimum": 0
            },
            {
              "$ref": "#/$defs/threePoint"
            }
          ]
        },
        "unit": {
          "description": "Unit of the quantity: m2, month, day, ...",
          "type": "string"
        },
        "unit_cost": {
          "description": "Price per unit: a number >= 0, a three-point value or a rate-card name.",
          "anyOf": [
            {
              "type": "number",
              "minimum": 0
            },
            {
              "$ref": "#/$defs/threePoint"
            },
            {
              "$ref": "#/$defs/rateName"
            }
          ]
        },
        "amount": {
          "description": "A fixed amount; negative for a credit.",
          "anyOf": [
            {
              "type": "number"
            },
            {
              "$ref": "#/$defs/threePoint"
            }
          ]
        },
        "method": {
          "description": "How the figure was estimated.",
          "type": "string",
          "examples": [
            "bottom-up",
            "analogous",
            "parametric",
            "three-point",
            "quote",
            "factor",
            "judgment"
          ]
        },
        "source": {
          "description": "Where the figure comes from: a quote reference, a past project, a price list.",
          "type": "string"
        },
        "allowance": {
          "description": "A known unknown carried as a line (listed apart from contingency); give its trigger.",
          "type": "boolean"
        },
        "trigger": {
          "description": "What would turn the allowance into real cost.",
          "type": "string"
        },
        "rationale": {
          "description": "Why the line is what it is.",
          "type": "string"
        },
        "change_reason": {
          "description": "Why it changed since the previous revision.",
          "type": "string"
        },
        "internal": {
          "description": "The item's internal facts (e.g. its own cost).",
          "type": "object",
          "additionalProperties": true
        }
      },
      "oneOf": [
        {
          "required": [
            "hours",
            "rate"
          ],
          "not": {
            "anyOf": [
              {
                "required": [
                  "quantity"
                ]
              },
              {
                "required": [
                  "unit_cost"
                ]
              },
              {
                "required": [
                  "amount"
                ]
              }
            ]
          }
        },
        {
          "required": [
            "quantity",
            "unit_cost"
          ],
          "not": {
            "anyOf": [
              {
                "required": [
                  "hours"
                ]
              },
              {
                "required": [
                  "rate"
                ]
              },
              {
                "required": [
                  "amount"
                ]
              }
            ]
          }
        },
        {
          "required": [
            "amount"
          ],
          "not": {
            "anyOf": [
              {
                "required": [
                  "hours"
                ]
              },
              {
                "required": [
                  "rate"
                ]
              },
              {
                "required": [
                  "quantity"
                ]
              },
              {
                "required": [
                  "unit_cost"
                ]
              }
            ]
          }
        }
      ],
      "additionalProperties": true
    },
    "adjustment": {
      "description": "An adjustment: a percent of its base or a fixed amount. The sign decides the direction; kind only names the line.",
      "type": "object",
      "required": [
        "id"
      ],
      "properties": {
        "id": {
          "description": "Unique among the adjustments; rules reach it as totals.adjustments.<id>.",
          "type": "string"
        },
        "kind": {
          "enum": [
            "overhead",
            "escalation",
            "contingency",
            "fee",
            "discount",
            "tax",
            "other"
          ]
        },
        "label": {
          "description": "Shown name; default: the id.",
          "type": "string"
        },
        "percent": {
          "$ref": "#/$defs/percent"
        },
        "amount": {
          "description": "A fixed amount; negative lowers the price.",
          "type": "number"
        },
        "applies_to": {
          "description": "A filter over items (rules expression language); the base is the amounts of the matching items.",
          "type": "string",
          "examples": [
            "category == \"materials\""
          ]
        },
        "base": {
          "description": "direct (default) or subtotal: the direct cost plus every adjustment before this one.",
          "enum": [
            "direct",
            "subtotal"
          ]
        }
      },
      "patternProperties": {
        "^x-": {}
      },
      "additionalProperties": false,
      "oneOf": [
        {
          "required": [
            "percent"
          ]
        },
        {
          "required": [
            "amount"
          ]
        }
      ],
      "not": {
        "required": [
          "applies_to",
          "base"
        ],
        "properties": {
          "base": {
            "const": "subtotal"
          }
        }
      }
    },
    "risk": {
      "description": "A risk; expected value = probability x impact.",
      "type": "object",
      "required": [
        "id"
      ],
      "properties": {
        "id": {
          "type": "string"
        },
        "title": {
          "type": "string"
        },
        "probability": {
          "description": "A percentage such as 30%.",
          "$ref": "#/$defs/percent"
        },
        "impact": {
          "description": "Cost if it happens.",
          "type": "number"
        }
      },
      "additionalProperties": true
    }
  }
}
)json";
}

}  // namespace basis::cli
