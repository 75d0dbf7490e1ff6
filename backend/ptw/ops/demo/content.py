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

# The demo plant's location tree: areas → units → equipment, each unit at its place on the area's plot plan
# (fractions of the plan's width and height). (code, name, plan_x, plan_y, children)
TREE: list[tuple[str, str, float | None, float | None, list[Any]]] = [
    (
        "TF",
        "Tank farm",
        None,
        None,
        [
            ("T-14", "Tank T-14", 0.25, 0.35, []),
            ("T-22", "Tank T-22", 0.6, 0.35, [("T-22-M", "T-22 manifold", 0.72, 0.62, [])]),
            ("T-30", "Tank T-30", 0.42, 0.72, []),
        ],
    ),
    (
        "CH",
        "Compressor house",
        None,
        None,
        [
            (
                "C-1",
                "Compressor train C-1",
                0.5,
                0.45,
                [("K-101", "Compressor K-101", 0.35, 0.5, []), ("K-102", "Compressor K-102", 0.65, 0.5, [])],
            )
        ],
    ),
    (
        "PR",
        "Pipe racks",
        None,
        None,
        [
            ("PR-3", "Pipe rack 3", 0.2, 0.3, []),
            ("MPR", "Main pipe rack", 0.55, 0.3, []),
            ("UR", "Utility rack", 0.8, 0.7, []),
        ],
    ),
    (
        "U100",
        "Process unit 100",
        None,
        None,
        [("U100-PB", "Pump bay 2", 0.3, 0.6, [("P-101", "Pump P-101", 0.35, 0.65, [])])],
    ),
    (
        "U200",
        "Process unit 200",
        None,
        None,
        [("U200-R", "Reactor section", 0.45, 0.4, [("V-201", "Vessel V-201", 0.5, 0.45, [])])],
    ),
    ("U300", "Process unit 300", None, None, [("U300-NM", "North manifold", 0.5, 0.2, [])]),
    (
        "UT",
        "Utilities",
        None,
        None,
        [
            ("CT-1", "Cooling tower CT-1", 0.2, 0.25, []),
            ("E-410", "Exchanger bay E-410", 0.5, 0.3, []),
            ("FG-01", "Fuel gas skid FG-01", 0.75, 0.3, []),
            ("FW", "Fire-water ring main", 0.5, 0.8, []),
        ],
    ),
    (
        "EL",
        "Electrical",
        None,
        None,
        [
            ("SS-1", "Substation SS-1", 0.3, 0.4, [("MCC-3", "MCC-3", 0.3, 0.5, [])]),
            (
                "SS-2",
                "Substation SS-2",
                0.7,
                0.4,
                [("HV-2", "Switchboard HV-2", 0.72, 0.45, []), ("SS-2-CB", "Cable basement", 0.68, 0.6, [])],
            ),
        ],
    ),
    (
        "OS",
        "Offsites",
        None,
        None,
        [
            ("TL-1", "Truck loading bay 1", 0.2, 0.7, []),
            ("FY", "Fabrication yard", 0.5, 0.75, []),
            ("FS-1", "Flare stack FS-1", 0.8, 0.2, []),
            ("KP", "Pipeline corridor", 0.45, 0.25, []),
        ],
    ),
]

# Where each demo work's free-text location is in the tree (the text stays as the detail).
LOCATION_NODES: dict[str, str] = {
    "Unit 100, pump bay 2": "P-101",
    "Pipe rack PR-3, grade level": "PR-3",
    "Tank farm, T-22 manifold": "T-22-M",
    "Compressor house C-1": "C-1",
    "Cooling tower CT-1": "CT-1",
    "Exchanger bay E-410": "E-410",
    "Fuel gas skid FG-01": "FG-01",
    "Utility rack, bay 4": "UR",
    "Truck loading bay 1": "TL-1",
    "Unit 300, north manifold": "U300-NM",
    "Substation SS-2, cable basement": "SS-2-CB",
    "Unit 200, all levels": "U200",
    "Fire-water ring main, east": "FW",
    "Tank T-14 roof": "T-14",
    "Fabrication yard": "FY",
    "Unit 200, V-201": "V-201",
    "Flare stack FS-1, 45 m platform": "FS-1",
    "Main pipe rack, level 3": "MPR",
    "Substation SS-1, MCC-3": "MCC-3",
    "Substation SS-2, switchboard HV-2": "HV-2",
    "Pipeline corridor, KP 1.2": "KP",
    "Substation SS-2 yard": "SS-2",
}
