import StewardModel

/// Placeholder until the inspect job lands.
public enum StewardPipeline {}
