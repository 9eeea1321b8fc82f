"""Result plots (pyqtgraph): climate, energy, capacity, phases and scenarios."""
