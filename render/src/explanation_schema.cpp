// JSON Schema of render_json's output (`basis schema explanation`). Every object lists all
// its keys as required and allows no others: render_json always writes every key, with
// null where a value is absent.

#include <nlohmann/json.hpp>

#include "basis/render/explanation.hpp"

namespace basis {

namespace {

constexpr const char* kSchema = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "basis explanation",
  "description": "An explanation of an estimate's price for one reader's style, as built by `basis explain --format json`. Figures carry their exact decimal value and the text shown to the reader; statements carry their Markdown and the values inserted into it, each linked to its trace entry.",
  "type": "object",
  "required": ["format", "style", "brief", "estimate_id", "title", "currency", "client_name",
    "estimate_class", "total", "direct", "range_low", "range_high", "range_text", "top_drivers",
    "sections", "drivers", "drivers_by", "basis", "benchmarks", "assumptions", "exclusions",
    "risks", "contingency", "options", "questions", "objections", "buildup", "uncovered_items",
    "trace", "internal_notes", "warnings", "date", "version", "previous", "escalation",
    "uncovered", "internal_figures", "taken", "budget", "concessions", "risk_simulation"],
  "additionalProperties": false,
  "properties": {
    "format": {"const": "explanation/1", "description": "Version of this layout."},
    "style": {"type": "string", "description": "driver, analytical, amiable, expressive or internal."},
    "brief": {"type": "boolean"},
    "estimate_id": {"type": "string"},
    "title": {"type": "string"},
    "currency": {"type": "string", "description": "ISO 4217 code."},
    "client_name": {"type": "string"},
    "estimate_class": {"type": ["integer", "null"], "description": "AACE estimate class, when set."},
    "total": {"$ref": "#/$defs/figure"},
    "direct": {"$ref": "#/$defs/figure"},
    "range_low": {"$ref": "#/$defs/optional_figure", "description": "Low end of the class accuracy range."},
    "range_high": {"$ref": "#/$defs/optional_figure", "description": "High end of the class accuracy range."},
    "range_text": {"type": "string"},
    "top_drivers": {"type": "array", "items": {"$ref": "#/$defs/driver_group"}},
    "sections": {"type": "array", "items": {"$ref": "#/$defs/section"},
      "description": "The sections the style shows, in its order."},
    "drivers": {"type": "array", "items": {"$ref": "#/$defs/driver_group"}},
    "drivers_by": {"type": "string", "description": "The field the driver groups are keyed by."},
    "basis": {"type": "array", "items": {"$ref": "#/$defs/basis_line"}},
    "benchmarks": {"type": "array", "items": {"$ref": "#/$defs/benchmark"}},
    "assumptions": {"$ref": "#/$defs/strings"},
    "exclusions": {"$ref": "#/$defs/strings"},
    "risks": {"type": "array", "items": {"$ref": "#/$defs/risk"}},
    "contingency": {"$ref": "#/$defs/optional_figure"},
    "options": {"type": "array", "items": {"$ref": "#/$defs/option"},
      "description": "Largest saving first."},
    "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}},
    "objections": {"type": "array", "items": {"$ref": "#/$defs/objection"}},
    "buildup": {"type": "array", "items": {"$ref": "#/$defs/buildup_line"}},
    "uncovered_items": {"$ref": "#/$defs/strings",
      "description": "Ids of cost lines that no fired rule explains."},
    "trace": {"type": "array", "items": {"$ref": "#/$defs/trace_entry"}},
    "internal_notes": {"type": "array", "items": {"$ref": "#/$defs/internal_note"},
      "description": "Only ever filled in for the internal style."},
    "warnings": {"$ref": "#/$defs/strings"},
    "date": {"type": "string", "description": "As written in the estimate."},
    "version": {"type": "string", "description": "As written in the estimate."},
    "previous": {"anyOf": [{"$ref": "#/$defs/previous"}, {"type": "null"}],
      "description": "How the total moved since the previous revision, when one was given."},
    "escalation": {"type": "array", "items": {"$ref": "#/$defs/buildup_line"},
      "description": "Escalation adjustments, shown as their own lines in the basis."},
    "uncovered": {"type": "array", "items": {"$ref": "#/$defs/coverage_line"}},
    "internal_figures": {"type": "array", "items": {"$ref": "#/$defs/internal_figure"},
      "description": "Floor, margins and the like; only ever filled in for the internal style."},
    "taken": {"anyOf": [{"$ref": "#/$defs/taken"}, {"type": "null"}],
      "description": "The options taken (`--with`): the explanation describes the estimate with them."},
    "budget": {"anyOf": [{"$ref": "#/$defs/budget"}, {"type": "null"}],
      "description": "The combinations of options within a budget, when a budget is given."},
    "concessions": {"type": "array", "items": {"$ref": "#/$defs/concession"},
      "description": "The concession plan, in the order to concede; only ever filled in for the internal style."},
    "risk_simulation": {"anyOf": [{"$ref": "#/$defs/risk_simulation"}, {"type": "null"}],
      "description": "The simulated P50 / P80 / P90 totals of the risks section (`basis risk` with seed 1), when the estimate has three-point values and the style shows risks."}
  },
  "$defs": {
    "strings": {"type": "array", "items": {"type": "string"}},
    "decimal": {"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
      "description": "An exact decimal number as text, without grouping or exponent."},
    "figure": {
      "type": "object",
      "required": ["exact", "shown"],
      "additionalProperties": false,
      "properties": {
        "exact": {"$ref": "#/$defs/decimal"},
        "shown": {"type": "string", "description": "As the reader sees it: \"$864,547.69\", \"35.0%\"."}
      }
    },
    "optional_figure": {"anyOf": [{"$ref": "#/$defs/figure"}, {"type": "null"}]},
    "span": {
      "type": "object",
      "required": ["kind", "text", "trace"],
      "additionalProperties": false,
      "properties": {
        "kind": {"enum": ["markdown", "value"],
          "description": "markdown: the template's own Markdown; value: a value a placeholder inserted, as plain text."},
        "text": {"type": "string"},
        "trace": {"type": ["integer", "null"], "minimum": 0,
          "description": "Index into trace for a traced number."}
      }
    },
    "rich_text": {
      "type": "object",
      "required": ["markdown", "spans"],
      "additionalProperties": false,
      "properties": {
        "markdown": {"type": "string",
          "description": "The spans joined, values escaped for Markdown, raw HTML removed."},
        "spans": {"type": "array", "items": {"$ref": "#/$defs/span"}}
      }
    },
    "statement": {
      "type": "object",
      "required": ["rule_id", "title", "text", "item_id", "explains"],
      "additionalProperties": false,
      "properties": {
        "rule_id": {"type": "string"},
        "title": {"type": "string"},
        "text": {"$ref": "#/$defs/rich_text"},
        "item_id": {"type": "string", "description": "for_each rules: the element the statement is about."},
        "explains": {"$ref": "#/$defs/strings"}
      }
    },
    "section": {
      "type": "object",
      "required": ["kind", "title", "statements"],
      "additionalProperties": false,
      "properties": {
        "kind": {"enum": ["summary", "drivers", "basis", "benchmarks", "assumptions", "exclusions",
          "risks", "options", "questions", "objections", "buildup", "coverage", "trace", "internal"]},
        "title": {"type": "string"},
        "statements": {"type": "array", "items": {"$ref": "#/$defs/statement"}}
      }
    },
    "driver_group": {
      "type": "object",
      "required": ["key", "amount", "share", "hours", "item_count", "statements", "other"],
      "additionalProperties": false,
      "properties": {
        "key": {"type": "string"},
        "amount": {"$ref": "#/$defs/figure"},
        "share": {"$ref": "#/$defs/figure"},
        "hours": {"$ref": "#/$defs/figure"},
        "item_count": {"type": "integer", "minimum": 0},
        "statements": {"type": "array", "items": {"$ref": "#/$defs/statement"}},
        "other": {"type": "boolean",
          "description": "The one row standing for all groups a brief style does not list."}
      }
    },
    "basis_line": {
      "type": "object",
      "required": ["item_id", "name", "category", "method", "source", "quantity", "amount",
        "allowance", "trigger", "range"],
      "additionalProperties": false,
      "properties": {
        "item_id": {"type": "string"},
        "name": {"type": "string"},
        "category": {"type": "string"},
        "method": {"type": "string"},
        "source": {"type": "string"},
        "quantity": {"type": "string"},
        "amount": {"$ref": "#/$defs/figure"},
        "allowance": {"type": "boolean"},
        "trigger": {"type": "string"},
        "range": {"type": "string"}
      }
    },
    "benchmark": {
      "type": "object",
      "required": ["rule_id", "label", "value", "low", "high", "position", "source", "item_id",
        "format"],
      "additionalProperties": false,
      "properties": {
        "rule_id": {"type": "string"},
        "label": {"type": "string"},
        "value": {"$ref": "#/$defs/figure"},
        "low": {"$ref": "#/$defs/figure"},
        "high": {"$ref": "#/$defs/figure"},
        "position": {"type": "string", "description": "inside, below or above."},
        "source": {"type": "string"},
        "item_id": {"type": "string", "description": "for_each rules: the element the value was computed for."},
        "format": {"type": "string", "description": "percent, money, number or hours."}
      }
    },
    "risk": {
      "type": "object",
      "required": ["id", "title", "probability", "impact", "expected", "details"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "probability": {"$ref": "#/$defs/figure"},
        "impact": {"$ref": "#/$defs/figure"},
        "expected": {"$ref": "#/$defs/figure", "description": "probability x impact"},
        "details": {"type": "array", "description": "The register's further fields, in file order.",
          "items": {"type": "object", "required": ["field", "value"], "additionalProperties": false,
            "properties": {"field": {"type": "string"}, "value": {"type": "string"}}}}
      }
    },
    "option": {
      "type": "object",
      "required": ["id", "title", "rule_id", "new_total", "delta", "delta_percent", "tradeoff",
        "ask_in_return", "changed_items"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "rule_id": {"type": "string"},
        "new_total": {"$ref": "#/$defs/figure"},
        "delta": {"$ref": "#/$defs/figure", "description": "New total minus total: a saving is negative."},
        "delta_percent": {"$ref": "#/$defs/figure"},
        "tradeoff": {"$ref": "#/$defs/rich_text"},
        "ask_in_return": {"$ref": "#/$defs/rich_text", "description": "Internal style only; empty otherwise."},
        "changed_items": {"$ref": "#/$defs/strings", "description": "Items removed or changed, in estimate order."}
      }
    },
    "question": {
      "type": "object",
      "required": ["rule_id", "text"],
      "additionalProperties": false,
      "properties": {
        "rule_id": {"type": "string"},
        "text": {"$ref": "#/$defs/rich_text"}
      }
    },
    "objection": {
      "type": "object",
      "required": ["rule_id", "objection", "response"],
      "additionalProperties": false,
      "properties": {
        "rule_id": {"type": "string"},
        "objection": {"$ref": "#/$defs/rich_text"},
        "response": {"$ref": "#/$defs/rich_text"}
      }
    },
    "buildup_line": {
      "type": "object",
      "required": ["id", "label", "kind", "basis", "amount"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "label": {"type": "string"},
        "kind": {"type": "string", "description": "direct, an adjustment kind, or total."},
        "basis": {"type": "string"},
        "amount": {"$ref": "#/$defs/figure"}
      }
    },
    "trace_entry": {
      "type": "object",
      "required": ["id", "shown", "exact", "expression", "rule_id", "file", "line", "column", "items"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string", "description": "t1, t2, ... in order of appearance."},
        "shown": {"type": "string"},
        "exact": {"anyOf": [{"$ref": "#/$defs/decimal"}, {"type": "null"}],
          "description": "null for a shown value that is not a number."},
        "expression": {"type": "string", "description": "As written in the rule file."},
        "rule_id": {"type": "string"},
        "file": {"type": "string", "description": "Relative to the rule file's workspace."},
        "line": {"type": ["integer", "null"], "minimum": 1},
        "column": {"type": ["integer", "null"], "minimum": 1},
        "items": {"$ref": "#/$defs/strings", "description": "Contributing item ids."}
      }
    },
    "previous": {
      "type": "object",
      "required": ["version", "total", "delta", "delta_percent", "changes", "label",
        "current_label", "summary", "highlights", "steps", "adjustments", "unchanged_items"],
      "additionalProperties": false,
      "properties": {
        "version": {"type": "string"},
        "total": {"$ref": "#/$defs/figure", "description": "The previous total."},
        "delta": {"$ref": "#/$defs/figure", "description": "Total minus the previous total."},
        "delta_percent": {"$ref": "#/$defs/figure"},
        "changes": {"type": "array", "items": {
          "type": "object",
          "required": ["item_id", "name", "change", "before", "after", "reason", "description",
            "delta", "volume_effect", "price_effect", "form_changed"],
          "additionalProperties": false,
          "properties": {
            "item_id": {"type": "string"},
            "name": {"type": "string"},
            "change": {"enum": ["added", "removed", "changed", "unchanged"],
              "description": "unchanged: the amount did not move, but the item gives a change_reason."},
            "before": {"$ref": "#/$defs/optional_figure"},
            "after": {"$ref": "#/$defs/optional_figure"},
            "reason": {"type": "string", "description": "The item's change_reason."},
            "description": {"type": "string", "description": "What changed in the item's figures."},
            "delta": {"$ref": "#/$defs/figure", "description": "After minus before."},
            "volume_effect": {"$ref": "#/$defs/optional_figure",
              "description": "Changed items: the change in hours or quantity at the old price, rounded to the estimate's step."},
            "price_effect": {"$ref": "#/$defs/optional_figure",
              "description": "Changed items: the rest of the change; volume + price = delta."},
            "form_changed": {"type": "boolean",
              "description": "Removed and added because the item's cost form changed."}
          }
        }, "description": "Current items in estimate order, then the removed ones."},
        "label": {"type": "string", "description": "The previous revision: \"revision 2\"."},
        "current_label": {"type": "string", "description": "This revision: \"revision 3\"."},
        "summary": {"type": "string", "description": "How much and why the total moved, naming every step of the bridge."},
        "highlights": {"$ref": "#/$defs/strings", "description": "The largest changes with their reasons, largest first."},
        "steps": {"type": "array", "items": {
          "type": "object",
          "required": ["kind", "key", "label", "items", "amount", "running"],
          "additionalProperties": false,
          "properties": {
            "kind": {"enum": ["added", "removed", "volume", "price", "adjustment"]},
            "key": {"type": "string", "description": "The kind, or the adjustment's id."},
            "label": {"type": "string"},
            "items": {"$ref": "#/$defs/strings", "description": "The items behind the step."},
            "amount": {"$ref": "#/$defs/figure", "description": "Signed effect on the total."},
            "running": {"$ref": "#/$defs/figure", "description": "The total after this step."}
          }
        }, "description": "The bridge: the previous total plus every step's amount is the total, to the cent."},
        "adjustments": {"type": "array", "items": {
          "type": "object",
          "required": ["id", "label", "kind", "change", "basis", "before", "after", "delta",
            "base_effect", "percent_effect"],
          "additionalProperties": false,
          "properties": {
            "id": {"type": "string"},
            "label": {"type": "string"},
            "kind": {"type": "string"},
            "change": {"enum": ["added", "removed", "changed"]},
            "basis": {"type": "string", "description": "How the adjustment's basis changed."},
            "before": {"$ref": "#/$defs/optional_figure"},
            "after": {"$ref": "#/$defs/optional_figure"},
            "delta": {"$ref": "#/$defs/figure"},
            "base_effect": {"$ref": "#/$defs/optional_figure",
              "description": "A percentage in both revisions: the effect of the base's change at the old percentage."},
            "percent_effect": {"$ref": "#/$defs/optional_figure",
              "description": "The rest: the effect of the percentage's change."}
          }
        }, "description": "Adjustments that changed, were added or removed."},
        "unchanged_items": {"type": "integer", "minimum": 0}
      }
    },
    "risk_simulation": {
      "type": "object",
      "required": ["iterations", "seed", "method", "three_point_values", "risks_simulated", "base",
        "contingency", "contingency_percent", "percentiles", "contingency_reaches_p80",
        "p80_margin", "total_confidence", "text"],
      "additionalProperties": false,
      "properties": {
        "iterations": {"type": "integer", "minimum": 1},
        "seed": {"type": "integer", "minimum": 0},
        "method": {"enum": ["PERT", "triangular"]},
        "three_point_values": {"type": "integer", "minimum": 1},
        "risks_simulated": {"type": "integer", "minimum": 0},
        "base": {"$ref": "#/$defs/figure", "description": "The total without contingency adjustments."},
        "contingency": {"$ref": "#/$defs/figure", "description": "The estimate's contingency: total minus base."},
        "contingency_percent": {"$ref": "#/$defs/figure", "description": "Of the base; shown empty when the base is not positive."},
        "percentiles": {"type": "array", "items": {
          "type": "object",
          "required": ["percent", "total", "contingency", "contingency_percent"],
          "additionalProperties": false,
          "properties": {
            "percent": {"enum": [50, 80, 90]},
            "total": {"$ref": "#/$defs/figure", "description": "The simulated total (nearest rank)."},
            "contingency": {"$ref": "#/$defs/figure", "description": "Total minus base: the contingency it implies."},
            "contingency_percent": {"$ref": "#/$defs/figure"}
          }
        }},
        "contingency_reaches_p80": {"type": "boolean"},
        "p80_margin": {"$ref": "#/$defs/figure", "description": "The estimate's total minus the P80 total."},
        "total_confidence": {"$ref": "#/$defs/figure", "description": "Share of the simulated totals at or below the estimate's total."},
        "text": {"type": "string"}
      }
    },
    "coverage_line": {
      "type": "object",
      "required": ["item_id", "name", "amount"],
      "additionalProperties": false,
      "properties": {
        "item_id": {"type": "string"},
        "name": {"type": "string"},
        "amount": {"$ref": "#/$defs/figure"}
      }
    },
    "internal_figure": {
      "type": "object",
      "required": ["id", "label", "value"],
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "label": {"type": "string"},
        "value": {"$ref": "#/$defs/figure"}
      }
    },
    "taken": {
      "type": "object",
      "required": ["ids", "titles", "total_before", "delta", "delta_percent"],
      "additionalProperties": false,
      "properties": {
        "ids": {"$ref": "#/$defs/strings", "description": "In the order applied (rule-file order)."},
        "titles": {"$ref": "#/$defs/strings"},
        "total_before": {"$ref": "#/$defs/figure", "description": "The total without the options."},
        "delta": {"$ref": "#/$defs/figure", "description": "Total minus total_before: a saving is negative."},
        "delta_percent": {"$ref": "#/$defs/figure"}
      }
    },
    "budget_combination": {
      "type": "object",
      "required": ["option_ids", "titles", "new_total", "delta", "delta_percent", "under_budget",
        "margin", "below_floor", "below_target_margin"],
      "additionalProperties": false,
      "properties": {
        "option_ids": {"$ref": "#/$defs/strings", "description": "Rule-file order; trade-offs are in options."},
        "titles": {"$ref": "#/$defs/strings"},
        "new_total": {"$ref": "#/$defs/figure", "description": "The options applied together, recomputed."},
        "delta": {"$ref": "#/$defs/figure"},
        "delta_percent": {"$ref": "#/$defs/figure"},
        "under_budget": {"$ref": "#/$defs/figure", "description": "Budget minus new total."},
        "margin": {"$ref": "#/$defs/optional_figure", "description": "Internal style only; null otherwise."},
        "below_floor": {"type": "boolean", "description": "Internal style only: not to be offered."},
        "below_target_margin": {"type": "boolean", "description": "Internal style only: not to be offered."}
      }
    },
    "budget": {
      "type": "object",
      "required": ["budget", "source", "gap", "within_budget", "combinations", "options_searched",
        "scenarios_evaluated", "complete", "more", "bound_held"],
      "additionalProperties": false,
      "properties": {
        "budget": {"$ref": "#/$defs/figure"},
        "source": {"enum": ["estimate", "request"], "description": "client.budget, or --budget."},
        "gap": {"$ref": "#/$defs/figure", "description": "Total minus budget: what the options must save."},
        "within_budget": {"type": "boolean"},
        "combinations": {"type": "array", "items": {"$ref": "#/$defs/budget_combination"},
          "description": "Minimal combinations within the budget, fewest options first, then the highest total."},
        "options_searched": {"type": "integer", "minimum": 0},
        "scenarios_evaluated": {"type": "integer", "minimum": 0},
        "complete": {"type": "boolean", "description": "False when the scenario limit stopped the search."},
        "more": {"type": "boolean", "description": "Other combinations may fit than those listed."},
        "bound_held": {"type": "boolean", "description": "False when a combination saved more than its options one by one."}
      }
    },
    "concession": {
      "type": "object",
      "required": ["option_id", "title", "rule_id", "saving", "new_total", "margin_after",
        "points_lost", "saving_per_point", "below_floor", "below_target_margin"],
      "additionalProperties": false,
      "properties": {
        "option_id": {"type": "string"},
        "title": {"type": "string"},
        "rule_id": {"type": "string"},
        "saving": {"$ref": "#/$defs/figure", "description": "What the client saves."},
        "new_total": {"$ref": "#/$defs/figure"},
        "margin_after": {"$ref": "#/$defs/optional_figure"},
        "points_lost": {"$ref": "#/$defs/optional_figure", "description": "(margin now - margin after) x 100."},
        "saving_per_point": {"$ref": "#/$defs/optional_figure", "description": "Saving per point of margin lost; null when none is lost."},
        "below_floor": {"type": "boolean"},
        "below_target_margin": {"type": "boolean"}
      }
    },
    "internal_note": {
      "type": "object",
      "required": ["rule_id", "title", "text"],
      "additionalProperties": false,
      "properties": {
        "rule_id": {"type": "string"},
        "title": {"type": "string"},
        "text": {"$ref": "#/$defs/rich_text"}
      }
    }
  }
})json";

}  // namespace

std::string explanation_json_schema() {
  return nlohmann::ordered_json::parse(kSchema).dump(2) + "\n";
}

}  // namespace basis
