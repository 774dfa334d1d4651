"""« Outils »: the bonus-malus and novice-surcharge calculators."""
