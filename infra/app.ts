import { createLedeApp } from './lede-app.ts';

createLedeApp();
