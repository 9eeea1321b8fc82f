"""Build-out phasing: demand, candidates, optimised schedule, cash flows, scenarios, uncertainty."""
