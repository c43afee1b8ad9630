"""Dashboard on US export controls on China's AI and chip sector, and China's answer."""
