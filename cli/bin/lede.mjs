#!/usr/bin/env node
import '../lede.mjs';
