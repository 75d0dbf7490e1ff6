"""Realistic permit content for the demo sites."""

from __future__ import annotations

from typing import Any

WORK: dict[str, list[dict[str, Any]]] = {
    "general": [
        {
            "title": "Replace gasket on P-101 discharge flange",
            "location": "Unit 100, pump bay 2",
            "hazards": "Residual liquid in line; pinch points; manual handling of spool.",
            "controls": "Line drained and vented by operations; two-person lift; drip tray under flange.",
            "parameters": {"equipment_tag": "P-101"},
        },
        {
            "title": "Paint handrails on pipe rack PR-3 (brush only)",
            "location": "Pipe rack PR-3, grade level",
            "hazards": "Solvent vapours; slips on wet paint.",
            "controls": "Water-based paint; area cordoned; SDS at site.",
            "parameters": {},
        },
        {
            "title": "Calibrate level transmitter LT-2204",
            "location": "Tank farm, T-22 manifold",
            "hazards": "Process fluid at impulse lines; hand injuries.",
            "controls": "Block and bleed with operations; gloves; calibrated pressure source.",
            "parameters": {"equipment_tag": "LT-2204"},
        },
        {
            "title": "Replace lighting fittings in compressor house",
            "location": "Compressor house C-1",
            "hazards": "Noise; work near rotating machines.",
            "controls": "Hearing protection; guards in place.",
            "parameters": {},
        },
        {
            "title": "Inspect and clean cooling-tower basin strainers",
            "location": "Cooling tower CT-1",
            "hazards": "Wet, slippery surfaces; biological exposure.",
            "controls": "Non-slip boots; gloves and face shield; second person present.",
            "parameters": {},
        },
        {
            "title": "Install temporary scaffold access stair at E-410",
            "location": "Exchanger bay E-410",
            "hazards": "Falling materials; manual handling.",
            "controls": "Barricaded drop zone; tool lanyards.",
            "parameters": {"equipment_tag": "E-410"},
        },
        {
            "title": "Replace filter cartridges on fuel-gas skid",
            "location": "Fuel gas skid FG-01",
            "hazards": "Residual gas; pressure.",
            "controls": "Skid isolated and vented by operations; gas detector.",
            "parameters": {"equipment_tag": "FG-01"},
        },
        {
            "title": 'Repair insulation cladding on steam line 6"-ST-118',
            "location": "Utility rack, bay 4",
            "hazards": "Hot surfaces; sharp cladding edges.",
            "controls": "Cut-resistant gloves; line temperature checked.",
            "parameters": {},
        },
        {
            "title": "Clear blocked drain at loading bay",
            "location": "Truck loading bay 1",
            "hazards": "Hydrocarbon residues; traffic.",
            "controls": "Bay closed to traffic; spill kit at hand.",
            "parameters": {},
        },
        {
            "title": "Replace valve handwheel on XV-305",
            "location": "Unit 300, north manifold",
            "hazards": "Work near live process valves.",
            "controls": "Operations informed; valve not operated during work.",
            "parameters": {"equipment_tag": "XV-305"},
        },
        {
            "title": "Install cable tray supports in substation SS-2",
            "location": "Substation SS-2, cable basement",
            "hazards": "Drilling dust; confined headroom.",
            "controls": "Dust masks; head protection; no live work.",
            "parameters": {},
        },
        {
            "title": "Housekeeping and waste removal after turnaround",
            "location": "Unit 200, all levels",
            "hazards": "Sharp objects; manual handling.",
            "controls": "Gloves; skips placed at grade; team lifting.",
            "parameters": {},
        },
    ],
    "hot-work": [
        {
            "title": "Weld repair on fire-water header support",
            "location": "Fire-water ring main, east",
            "hazards": "Sparks and hot slag; flammable atmosphere nearby.",
            "controls": "Fire blankets; fire watch; gas testing before and during work.",
            "parameters": {"hot_work_kind": "Welding", "fire_watcher": "Samuel Osei"},
        },
        {
            "title": "Cut out corroded vent nozzle on T-14 roof",
            "location": "Tank T-14 roof",
            "hazards": "Flammable vapours; work at height.",
            "controls": "Tank gas-freed; continuous gas monitoring.",
            "parameters": {"hot_work_kind": "Cutting", "fire_watcher": "Ana Lima"},
        },
        {
            "title": "Grind weld caps on new spool pieces",
            "location": "Fabrication yard",
            "hazards": "Sparks; grinding-disc failure.",
            "controls": "Screens; disc guard; fire extinguisher at hand.",
            "parameters": {"hot_work_kind": "Grinding", "fire_watcher": "Tom Becker"},
        },
    ],
    "confined-space": [
        {
            "title": "Internal inspection of separator V-201",
            "location": "Unit 200, V-201",
            "hazards": "Oxygen deficiency; H2S; engulfment.",
            "controls": "Blinded and purged; forced ventilation; attendant; rescue tripod.",
            "parameters": {"space_id": "V-201", "attendant": "Maria Santos"},
        },
    ],
    "work-at-height": [
        {
            "title": "Replace aviation light on flare stack",
            "location": "Flare stack FS-1, 45 m platform",
            "hazards": "Fall from height; dropped objects.",
            "controls": "Harness with double lanyard; tool tethers.",
            "parameters": {"height_m": 45},
        },
        {
            "title": "Inspect pipe-rack bolts at level 3",
            "location": "Main pipe rack, level 3",
            "hazards": "Fall from height.",
            "controls": "Scaffold green-tagged; harness tied off.",
            "parameters": {"height_m": 12},
        },
    ],
    "electrical": [
        {
            "title": "Replace MCC bucket for pump P-330",
            "location": "Substation SS-1, MCC-3",
            "hazards": "Electric shock; arc flash.",
            "controls": "LOTO at breaker; zero-energy test; arc-flash PPE.",
            "parameters": {"voltage": "LV (< 1 kV)"},
        },
        {
            "title": "Terminate new 6.6 kV feeder cable",
            "location": "Substation SS-2, switchboard HV-2",
            "hazards": "High voltage; arc flash.",
            "controls": "Switching programme; earthing; authorised person.",
            "parameters": {"voltage": "HV (≥ 1 kV)"},
        },
    ],
    "lifting": [
        {
            "title": "Lift replacement motor onto compressor skid",
            "location": "Compressor house C-1",
            "hazards": "Dropped load; crushing.",
            "controls": "Lift plan; certified rigging; exclusion zone.",
            "parameters": {"load_t": 4.5, "critical_lift": False},
        },
        {
            "title": "Tandem lift of heat-exchanger bundle E-410",
            "location": "Exchanger bay E-410",
            "hazards": "Load swing; overturning crane.",
            "controls": "Critical-lift plan; ground bearing checked.",
            "parameters": {"load_t": 18, "critical_lift": True},
        },
    ],
    "excavation": [
        {
            "title": "Excavate to expose cathodic-protection test point",
            "location": "Pipeline corridor, KP 1.2",
            "hazards": "Buried services; trench collapse.",
            "controls": "Services located by CAT scan; hand digging.",
            "parameters": {"depth_m": 1.0},
        },
        {
            "title": "Trench for new earthing grid extension",
            "location": "Substation SS-2 yard",
            "hazards": "Buried cables; collapse beyond 1.2 m.",
            "controls": "Drawings checked; battered sides.",
            "parameters": {"depth_m": 1.5},
        },
    ],
}

REASONS = {
    "reject": "Method statement does not cover draining of the line; please attach and resubmit.",
    "suspend": "Stopped by the area authority: unplanned process upset in the unit.",
    "cancel": "Work rescheduled to the next turnaround window.",
}

NAMES = {
    "acme": {
        "requester": "Ravi Menon",
        "verifier": "Elena Petrova",
        "verifier2": "Victor Adeyemi",
        "issuer": "Isabel Clarke",
        "issuer2": "Ian Fraser",
        "admin": "Aisha Rahman",
        "viewer": "Paul Auditor",
    },
    "globex": {
        "requester": "Rosa Delgado",
        "verifier": "Erik Lund",
        "verifier2": "Wei Zhang",
        "issuer": "Grace Okafor",
        "issuer2": "Hugo Martin",
        "admin": "Nadia Haddad",
        "viewer": "Olga Audit",
    },
}
